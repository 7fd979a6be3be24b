// Every code the app can show has a sentence in all three shared catalogs: errors thrown under
// shared/ and electron/ (and the few the renderer makes itself), alerts, device alarms, Inspect
// notes and the external-device ledger's notes. The sources are read, so a new code without a
// sentence fails here.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Catalog, lookup } from '../../../shared/i18n/error-sentence.ts';
import en from '../../../shared/i18n/errors.en.json';
import ja from '../../../shared/i18n/errors.ja.json';
import zh from '../../../shared/i18n/errors.zh.json';

const root = join(import.meta.dirname, '../../..');
const CATALOGS: Record<string, Catalog> = { en, ja, zh };
const CODE = `[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|USAGE`;

function sourceFiles(dir: string): Array<{ path: string; text: string }> {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return sourceFiles(path);
    return /\.(ts|svelte)$/.test(name)
      ? [{ path, text: readFileSync(join(root, path), 'utf8') }]
      : [];
  });
}

const sources = [...sourceFiles('shared'), ...sourceFiles('electron')];
const rendererSources = sourceFiles('renderer');
const quoted = (text: string) =>
  [...text.matchAll(new RegExp(`'(${CODE})'`, 'g'))].map((m) => m[1]!);

/** Where each kind of coded value comes from. */
const ALERT_FILES = ['shared/authority/alerts.ts', 'shared/agent/alarms.ts'];
const INSPECT_FILES = ['shared/codes/inspect.ts'];
const BANNER_FILES = ['shared/agent/banners.ts'];

function errorCodes(): Set<string> {
  const codes = new Set<string>();
  const stems = sources.flatMap(({ text }) =>
    [...text.matchAll(/errorStem: '([A-Z_]+)'/g)].map((m) => m[1]!),
  );
  for (const { path, text } of sources) {
    const file = relative('.', path);
    // new DomainError('X', …) and new DomainError(cond ? 'X' : 'Y', …)
    for (const m of text.matchAll(/new DomainError\(([^{)]*)/g))
      quoted(m[1]!).forEach((c) => codes.add(c));
    // new DomainError(`${spec.errorStem}_SUFFIX`)
    for (const m of text.matchAll(/`\$\{spec\.errorStem\}(_[A-Z_]+)`/g))
      for (const stem of stems) codes.add(`${stem}${m[1]!}`);
    for (const m of text.matchAll(/ensure\([^;]*?,\s*'([A-Z][A-Z0-9]*_[A-Z0-9_]+)'/gs))
      codes.add(m[1]!);
    for (const m of text.matchAll(/\b(?:fail|failure|errorDto)\(\s*'([A-Z][A-Z0-9_]+)'/g))
      codes.add(m[1]!);
    for (const m of text.matchAll(/\busage\([^;]*?'([A-Z][A-Z0-9_]+)',?\s*\)/gs)) codes.add(m[1]!);
    for (const m of text.matchAll(/code = '([A-Z][A-Z0-9_]*)'/g)) codes.add(m[1]!);
    if (
      !ALERT_FILES.includes(file) &&
      !INSPECT_FILES.includes(file) &&
      !BANNER_FILES.includes(file)
    )
      for (const m of text.matchAll(new RegExp(`\\bcode: '(${CODE})'`, 'g'))) codes.add(m[1]!);
  }
  // Errors the window makes itself (not connected, unreadable dropped file…).
  for (const { text } of rendererSources)
    for (const m of text.matchAll(new RegExp(`\\bcode: '(${CODE})'`, 'g'))) codes.add(m[1]!);
  return codes;
}

function alertCodes(): Set<string> {
  const codes = new Set<string>();
  for (const { path, text } of sources) {
    if (ALERT_FILES.includes(relative('.', path)))
      for (const m of text.matchAll(new RegExp(`\\bcode: '(${CODE})'`, 'g'))) codes.add(m[1]!);
    const union = /export type AlarmCode =([^;]+);/.exec(text);
    if (union) quoted(union[1]!).forEach((c) => codes.add(c));
  }
  return codes;
}

function inspectNoteCodes(): Set<string> {
  const codes = new Set<string>();
  for (const { path, text } of sources)
    if (INSPECT_FILES.includes(relative('.', path)))
      for (const m of text.matchAll(new RegExp(`\\bcode: '(${CODE})'`, 'g'))) codes.add(m[1]!);
  return codes;
}

function bannerCodes(): Set<string> {
  const codes = new Set<string>();
  for (const { path, text } of sources)
    if (BANNER_FILES.includes(relative('.', path)))
      for (const m of text.matchAll(new RegExp(`\\bcode: '(${CODE})'`, 'g'))) codes.add(m[1]!);
  return codes;
}

function ledgerNoteCodes(): Set<string> {
  const codes = new Set<string>();
  for (const { path, text } of sources)
    if (path.startsWith('shared/agent/'))
      for (const m of text.matchAll(/notes\.push\(([^)]*)\)/g))
        quoted(m[1]!).forEach((c) => codes.add(c));
  return codes;
}

/** A code has a sentence when the key is a string, or a group of variants with a default. */
function missingIn(namespace: string, codes: Set<string>): string[] {
  return Object.entries(CATALOGS).flatMap(([language, catalog]) =>
    [...codes]
      .filter(
        (code) =>
          lookup(catalog, `${namespace}.${code}`) === undefined &&
          lookup(catalog, `${namespace}.${code}.default`) === undefined,
      )
      .map((code) => `${language}: ${namespace}.${code}`),
  );
}

describe('the shared error catalog', () => {
  const errors = errorCodes();

  it('finds the codes thrown across shared/ and electron/, including IPC and CLI ones', () => {
    expect(errors.size).toBeGreaterThan(120);
    for (const code of [
      'IPC_INVALID_REQUEST',
      'IPC_UNKNOWN_CHANNEL',
      'IPC_UNTRUSTED_SENDER',
      'INTERNAL_ERROR',
      'USAGE',
      'PASSPHRASE_REQUIRED',
      'CLI_FILE_CODE_COUNT',
      'CLI_OUT_DIRECTORY_MISSING',
      'FILE_EXISTS',
      'DIALOG_UNAVAILABLE',
      'TRANSFER_ITEM_NOT_FOUND',
      'IMPORT_NO_DEVICE',
      'IMPORT_WRONG_SIDE',
      'WORKSPACE_NONE',
      'WORKSPACE_AMBIGUOUS',
      'AUTHORIZATION_SUPERSEDED',
      'RETURN_CODE_CHECK_FAILED',
      'AUTHORIZATION_CODE_MALFORMED',
      'COMMAND_NOT_AVAILABLE',
      'DRIVE_TOOL_MISSING',
      'NOT_CONNECTED',
    ])
      expect(errors, code).toContain(code);
  });

  it('has a sentence for every error code, in English, Japanese and Chinese', () => {
    expect(missingIn('errors', errors)).toEqual([]);
  });

  it('has a sentence for every authority alert and device alarm', () => {
    const alerts = alertCodes();
    expect(alerts).toContain('TERM_LICENSE_ENDING');
    expect(alerts).toContain('CLOCK_SET_BACK');
    expect(alerts.size).toBeGreaterThan(10);
    expect(missingIn('alerts', alerts)).toEqual([]);
  });

  it('has a sentence for every Inspect note', () => {
    const notes = inspectNoteCodes();
    expect(notes).toContain('INSPECT_CISCO_GROUPED');
    expect(missingIn('inspectNotes', notes)).toEqual([]);
  });

  it('has a sentence for every licensing banner a device shows', () => {
    const banners = bannerCodes();
    expect(banners).toContain('UCM_OUT_OF_COMPLIANCE');
    expect(banners).toContain('EXPRESSWAY_EVALUATION_EXPIRED');
    expect(missingIn('banners', banners)).toEqual([]);
  });

  it("has a sentence for every note in an external device's ledger", () => {
    const notes = ledgerNoteCodes();
    expect(notes).toContain('RETURN_NOT_MATCHED');
    expect(missingIn('ledgerNotes', notes)).toEqual([]);
  });
});
