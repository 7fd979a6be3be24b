// Every string a device prints names its source, and every one that claims a seed is the seed's
// own wording: test/fixtures/cisco/seed-quotes.txt holds the quotations, checked against the seeds.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type BannerCode, licensingBanner } from '../../../shared/agent/banners.ts';
import {
  CONFIRMATION_PREFIX,
  EXPORT_NOTHING_TO_CANCEL,
  HELP,
  INSTALL_FILE_UNAVAILABLE,
  PRINTED,
  REFUSALS,
  STOPPED_AT_RESTART,
  USAGE_PREFIX,
} from '../../../shared/agent/console/messages.ts';
import type { AuthorizationStatus } from '../../../shared/agent/device-state.ts';
import type { Source, Sourced } from '../../../shared/agent/sources.ts';
import { STATUS_SOURCES } from '../../../shared/agent/status-sources.ts';
import en from '../../../shared/i18n/errors.en.json';
import ja from '../../../shared/i18n/errors.ja.json';

const quotes = readFileSync(
  join(import.meta.dirname, '../../fixtures/cisco/seed-quotes.txt'),
  'utf8',
);

/** The quotations by seed number. */
function quotationsOf(seed: string): string[] {
  const out: string[] = [];
  let current: string | null = null;
  for (const line of quotes.split('\n')) {
    const heading = /^## seed (\d{3})/.exec(line);
    if (heading) current = heading[1]!;
    else if (line && !line.startsWith('#') && current === seed) out.push(line);
  }
  return out;
}

function quoted(source: Source, text: string): boolean {
  return source.kind === 'seed' && quotationsOf(source.seed).some((q) => q.includes(text));
}

const printed: Array<[string, Sourced]> = [
  ...Object.entries(PRINTED).flatMap(([key, byProduct]) =>
    Object.entries(byProduct).map(
      ([product, line]) => [`${key}.${product}`, line] as [string, Sourced],
    ),
  ),
  ['confirmation', CONFIRMATION_PREFIX],
  ['install-file', INSTALL_FILE_UNAVAILABLE],
  ['export-cancel', EXPORT_NOTHING_TO_CANCEL],
  ['stopped-at-restart', STOPPED_AT_RESTART],
  ['usage', USAGE_PREFIX],
  ['help.ucm', HELP.ucm],
  ['help.expressway', HELP.expressway],
];

describe("the consoles' message table", () => {
  it('names a source for every line, and says why where Airlock wrote it', () => {
    for (const [key, line] of printed) {
      expect(line.source.kind, key).toMatch(/^(seed|cisco|airlock)$/);
      if (line.source.kind === 'airlock') expect(line.source.why.length, key).toBeGreaterThan(10);
    }
    for (const [code, refusal] of Object.entries(REFUSALS))
      expect(refusal.source.kind, code).toMatch(/^(seed|cisco|airlock)$/);
  });

  it('prints every line it says comes from a seed exactly as the seed has it', () => {
    const claims = printed.filter(([, line]) => line.source.kind === 'seed');
    expect(claims.length).toBeGreaterThan(6);
    for (const [key, line] of claims) expect(quoted(line.source, line.text), key).toBe(true);
  });

  it('marks the lines the issue found unmarked: CUCM enable (Cisco), unknown commands', () => {
    expect(PRINTED.enabled.ucm.source.kind).toBe('cisco');
    expect(PRINTED.unknownCommand.ucm).toMatchObject({
      text: 'Executed command unsuccessfully',
      source: { kind: 'cisco' },
    });
    expect(PRINTED.unknownCommand.expressway.source.kind).toBe('airlock');
    expect(PRINTED.requestIntro.ucm.source.kind).toBe('airlock');
  });
});

describe('the status strings', () => {
  it('quote the seed where they claim it, and mark the rest', () => {
    for (const [status, source] of Object.entries(STATUS_SOURCES)) {
      if (source.kind === 'seed') expect(quoted(source, status), status).toBe(true);
    }
    expect(STATUS_SOURCES['Registered - Universal License Reservation'].kind).toBe('cisco');
    expect(STATUS_SOURCES['Authorized - Reserved'].kind).toBe('cisco');
  });
});

describe('the licensing banners', () => {
  const statuses: AuthorizationStatus[] = [
    'Evaluation Mode',
    'Evaluation Expired',
    'Out of Compliance',
    'Authorization Expired',
  ];

  it("print seed 002's CUCM sentences word for word (89 days left, as the seed shows)", () => {
    for (const status of statuses) {
      const banner = licensingBanner('ucm', status, 89)!;
      expect(quoted(banner.source, banner.text), status).toBe(true);
    }
    expect(licensingBanner('ucm', 'Authorized - Reserved', 89)).toBeNull();
    expect(licensingBanner('ucm', 'No Licenses in Use', 89)).toBeNull();
  });

  it("give Expressway Airlock's English, and seed 001's own Japanese on a Japanese screen", () => {
    const banners = en.banners as Record<BannerCode, string>;
    const japanese = ja.banners as Record<BannerCode, string>;
    for (const status of statuses) {
      const banner = licensingBanner('expressway', status, 89)!;
      expect(banner.source.kind).toBe('airlock');
      expect(banners[banner.code]).toBe(banner.text);
      expect(quotationsOf('001'), banner.code).toContain(japanese[banner.code]);
    }
  });

  it('keep the catalog in step with what the device prints', () => {
    expect(en.banners.UCM_EVALUATION.replace('{{days}}', '89')).toBe(
      licensingBanner('ucm', 'Evaluation Mode', 89)!.text,
    );
  });
});

describe('the translated error sentences that quote a seed', () => {
  it('keep the Japanese of seed 001 and 000 and the Chinese of seed 004', async () => {
    const zh = (await import('../../../shared/i18n/errors.zh.json')).default;
    expect(quotationsOf('001')).toContain(ja.errors.CODE_NOT_QUOTED);
    expect(ja.errors.EXPORT_UNDER_RESERVATION).toContain(
      quotationsOf('000').find((q) => q.startsWith('接続されていない状態では'))!,
    );
    expect(zh.errors.EXPORT_UNDER_RESERVATION).toContain(
      quotationsOf('004')
        .find((q) => q.startsWith('在断开连接状态下'))!
        .slice(0, -1),
    );
  });
});
