// Reads one console line into a typed command, in the product's own syntax only: CUCM takes its
// CLI (`license smart …`, `show license …`), Expressway its API commands (`xcommand …`,
// `xconfiguration …`, `xstatus …`); each answers the other's syntax as an unknown command. Command
// words are case-insensitive; codes are kept as typed.

import type { Product } from '../device-state.ts';
import type { ShowTopic } from './show-license.ts';

export type { ShowTopic };

export type ConsoleCommand =
  | { kind: 'empty' }
  | { kind: 'help' }
  | { kind: 'enable' }
  | { kind: 'disable' }
  | { kind: 'request' }
  | { kind: 'cancel' }
  | { kind: 'install'; code: string }
  | { kind: 'install-file'; url: string }
  | { kind: 'return' }
  | { kind: 'return-authorization'; code: string }
  | { kind: 'export-request'; feature: string }
  | { kind: 'export-return'; feature: string }
  | { kind: 'export-cancel' }
  | { kind: 'show'; topic: ShowTopic }
  | { kind: 'xstatus' }
  | { kind: 'restart' }
  /** An XML code typed without its double quotes (Expressway needs them: seed 001). */
  | { kind: 'code-not-quoted'; usage: string }
  | { kind: 'invalid'; usage?: string };

const USAGE = {
  install: 'license smart reservation install "<authorization-code>"',
  installFile: 'license smart reservation install-file <url>',
  returnAuthorization: 'license smart reservation return-authorization "<authorization-code>"',
  exportRequest: 'license smart export request local <exportfeaturename>',
  exportReturn: 'license smart export return local <exportfeaturename>',
  xInstall: 'xcommand License Smart Reservation Install "<authorization code>"',
  xReturnAuthorization: 'xcommand License Smart Reservation ReturnAuthorization "<auth code>"',
  xEnable: 'xconfiguration License Smart ReservationEnable: On|Off',
};

/** Strips the quotes around a pasted code (an unbalanced leading quote too); decoding does the rest. */
function unquote(text: string): string {
  let out = text.trim();
  if (out.startsWith('"')) out = out.slice(1);
  if (out.endsWith('"')) out = out.slice(0, -1);
  return out.trim();
}

/** The first `count` words, lower-cased, and the untouched remainder. */
function head(line: string, count: number): { words: string[]; rest: string } {
  const words: string[] = [];
  let rest = line.trim();
  while (words.length < count && rest !== '') {
    const match = /^(\S+)\s*/.exec(rest)!;
    words.push(match[1]!.toLowerCase());
    rest = rest.slice(match[0].length);
  }
  return { words, rest };
}

function withCode(
  kind: 'install' | 'return-authorization',
  rest: string,
  usage: string,
  quotesRequired = false,
): ConsoleCommand {
  const given = rest.replace(/^authorizationcode\s*:\s*/i, '').trim();
  const code = unquote(given);
  if (code === '') return { kind: 'invalid', usage };
  // An XML code holds spaces and angle brackets: Expressway takes it only inside double quotes.
  if (quotesRequired && code.startsWith('<') && !given.startsWith('"'))
    return { kind: 'code-not-quoted', usage };
  return { kind, code };
}

function noArgument(command: ConsoleCommand, rest: string): ConsoleCommand {
  return rest === '' ? command : { kind: 'invalid' };
}

function licenseSmartReservation(sub: string | undefined, rest: string): ConsoleCommand {
  switch (sub) {
    case 'enable':
    case 'disable':
    case 'request':
    case 'cancel':
      return noArgument({ kind: sub }, rest);
    case 'return':
      // The CUCM guide also shows `return "<authorization-code>"` for an uninstalled code.
      return rest === ''
        ? { kind: 'return' }
        : withCode('return-authorization', rest, USAGE.returnAuthorization);
    case 'install': {
      const file = /^file\s+(\S+)$/i.exec(rest);
      if (file) return { kind: 'install-file', url: file[1]! };
      return withCode('install', rest, USAGE.install);
    }
    case 'install-file':
      return /^\S+$/.test(rest)
        ? { kind: 'install-file', url: rest }
        : { kind: 'invalid', usage: USAGE.installFile };
    case 'return-authorization':
      return withCode('return-authorization', rest, USAGE.returnAuthorization);
    default:
      return { kind: 'invalid' };
  }
}

/** `license smart export request local <feature>` / `return local <feature>` / `cancel`. */
function licenseSmartExport(line: string): ConsoleCommand {
  const { words, rest } = head(line, 5);
  const [, , , verb, scope] = words;
  if (verb === 'cancel' && words.length === 4) return { kind: 'export-cancel' };
  if (verb !== 'request' && verb !== 'return') return { kind: 'invalid' };
  const usage = verb === 'request' ? USAGE.exportRequest : USAGE.exportReturn;
  const feature = rest.trim();
  if (scope !== 'local' || !/^\S+$/.test(feature)) return { kind: 'invalid', usage };
  return { kind: verb === 'request' ? 'export-request' : 'export-return', feature };
}

function xcommandReservation(sub: string | undefined, rest: string): ConsoleCommand {
  switch (sub) {
    case 'request':
    case 'cancel':
    case 'return':
      return noArgument({ kind: sub }, rest);
    case 'install':
      return withCode('install', rest, USAGE.xInstall, true);
    case 'returnauthorization':
      return withCode('return-authorization', rest, USAGE.xReturnAuthorization, true);
    default:
      return { kind: 'invalid' };
  }
}

function parseCucm(line: string): ConsoleCommand {
  const { words, rest } = head(line, 4);
  const [w0, w1, w2, w3] = words;
  if (w0 === 'license' && w1 === 'smart' && w2 === 'reservation')
    return licenseSmartReservation(w3, rest);
  if (w0 === 'license' && w1 === 'smart' && w2 === 'export') return licenseSmartExport(line);
  if (w0 === 'show' && w1 === 'license' && words.length === 3 && rest === '') {
    if (w2 === 'all' || w2 === 'status' || w2 === 'summary' || w2 === 'udi' || w2 === 'usage')
      return { kind: 'show', topic: w2 };
    return { kind: 'invalid' };
  }
  if (w0 === 'utils' && w1 === 'system' && w2 === 'restart' && words.length === 3)
    return { kind: 'restart' };
  return { kind: 'invalid' };
}

function parseExpressway(line: string): ConsoleCommand {
  const { words, rest } = head(line, 4);
  const [w0, w1, w2, w3] = words;
  if (w0 === 'xcommand' && w1 === 'license' && w2 === 'smart' && w3 === 'reservation') {
    const next = head(rest, 1);
    return xcommandReservation(next.words[0], next.rest);
  }
  if (w0 === 'xcommand' && w1 === 'boot' && words.length === 2) return { kind: 'restart' };
  if (w0 === 'xconfiguration') {
    const m = /^xconfiguration\s+license\s+smart\s+reservationenable\s*:?\s*(\S*)\s*$/i.exec(
      line.trim(),
    );
    if (!m) return { kind: 'invalid' };
    const value = m[1]!.toLowerCase();
    if (value === 'on') return { kind: 'enable' };
    if (value === 'off') return { kind: 'disable' };
    return { kind: 'invalid', usage: USAGE.xEnable };
  }
  if (w0 === 'xstatus' && w1 === 'license' && words.length === 2) return { kind: 'xstatus' };
  return { kind: 'invalid' };
}

export function parseCommand(line: string, product: Product): ConsoleCommand {
  const { words } = head(line, 2);
  const [w0] = words;
  if (w0 === undefined) return { kind: 'empty' };
  if ((w0 === 'help' || w0 === '?') && words.length === 1) return { kind: 'help' };
  return product === 'ucm' ? parseCucm(line) : parseExpressway(line);
}
