// Every interface string exists in every language, and every key the renderer uses exists (in its
// own catalog or in the shared error catalog that i18next is also given).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import sharedEn from '../../../shared/i18n/errors.en.json';
import en from '../../../renderer/lib/i18n/en.json';
import ja from '../../../renderer/lib/i18n/ja.json';
import zh from '../../../renderer/lib/i18n/zh.json';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(svelte|ts)$/.test(name) ? [path] : [];
  });
}

const placeholders = (text: string) =>
  [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

const keys = { en: flatten(en as Tree), ja: flatten(ja as Tree), zh: flatten(zh as Tree) };
/** What `t()` can reach in English: the interface catalog and the shared error catalog. */
const reachable = new Map([...keys.en, ...flatten(sharedEn as Tree)]);
const renderer = join(import.meta.dirname, '../../../renderer');
const sources = sourceFiles(renderer).map((path) => ({ path, text: readFileSync(path, 'utf8') }));

describe('interface catalogs', () => {
  for (const language of ['ja', 'zh'] as const) {
    it(`has every English key in ${language}`, () => {
      const missing = [...keys.en.keys()].filter((k) => !keys[language].has(k));
      expect(missing).toEqual([]);
    });

    it(`has no ${language} key that English lacks`, () => {
      const extra = [...keys[language].keys()].filter((k) => !keys.en.has(k));
      expect(extra).toEqual([]);
    });

    it(`keeps the same placeholders in ${language}`, () => {
      const differing = [...keys.en].filter(
        ([k, text]) =>
          keys[language].has(k) &&
          placeholders(text).join() !== placeholders(keys[language].get(k)!).join(),
      );
      expect(differing.map(([k]) => k)).toEqual([]);
    });

    it(`translates ${language} (no English left untranslated in long sentences)`, () => {
      const same = [...keys.en].filter(
        ([k, text]) => text.length > 40 && keys[language].get(k) === text,
      );
      expect(same.map(([k]) => k)).toEqual([]);
    });
  }

  it('has every literal key the renderer uses, in English', () => {
    const used = new Set<string>();
    for (const { text } of sources) {
      for (const match of text.matchAll(/\bt\(\s*'([^']+)'/g)) used.add(match[1]!);
    }
    expect(used.size).toBeGreaterThan(300);
    const missing = [...used].filter((k) => !reachable.has(k));
    expect(missing).toEqual([]);
  });

  it('leaves the error namespaces to the shared catalog (one catalog, no second copy)', () => {
    const shared = Object.keys(sharedEn);
    expect(Object.keys(en).filter((ns) => shared.includes(ns))).toEqual([]);
  });

  it('has every key of the dynamic families the renderer builds', () => {
    const families: Record<string, string[]> = {
      severity: ['major', 'minor', 'info'],
      strength: ['too-short', 'weak', 'fair', 'good', 'strong'],
      instanceState: ['reserved', 'in-transit', 'removed', 'rehosted'],
      instanceFilter: [
        'waiting',
        'not-confirmed',
        'in-transit',
        'active',
        'reserved',
        'removed',
        'rehosted',
      ],
      backupReason: ['daily', 'batch', 'migration', 'manual', 'restore', 'import', 'unknown'],
      itemStatus: ['waiting', 'exported', 'imported', 'applied', 'failed'],
      codeKind: ['request', 'authorization', 'confirmation', 'return'],
      inspectKind: [
        'request',
        'slr-authorization',
        'plr-authorization',
        'confirmation',
        'return',
        'cisco-grouped',
      ],
      inspectOrigin: ['airlock', 'cisco'],
      requestShape: ['fields', 'ios-xe'],
      signature: ['valid', 'invalid', 'unverifiable', 'not-checked'],
      signatureText: ['valid', 'invalid', 'unverifiable', 'not-checked'],
      udiFields: ['pid', 'sn', 'vid', 'hostId', 'uuid'],
      reports: ['licenses', 'instances', 'events'],
      waiting: [
        'enable',
        'request',
        'authorization',
        'nothing',
        'request-code',
        'authorization-code',
        'install',
        'confirmation-code',
      ],
      'flow.reserve': ['title'],
      'flow.install': ['title'],
      'flow.update': ['title'],
      'flow.return': ['title'],
      'flow.cancel': ['title'],
      'flow.returnUnused': ['title'],
      errorPlaces: ['version', 'udi', 'separator', 'nonce'],
      external: ['cancelButton', 'installedButton', 'cancelRecorded', 'installedRecorded'],
      codes: ['request', 'confirmation', 'return'],
    };
    const missing = Object.entries(families).flatMap(([family, members]) =>
      members.map((m) => `${family}.${m}`).filter((k) => !reachable.has(k)),
    );
    expect(missing).toEqual([]);
  });
});
