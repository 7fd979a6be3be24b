// A code typed or pasted by hand: whether it looks complete yet (so it is checked then, or when
// the operator leaves the field — never half-typed), the code inside a pasted console block, and
// where in the text the character a refusal names sits (so it can be marked in place).
import type { CodeKind } from '../../shared/codes/classify.ts';
import { CHECK_LENGTH } from '../../shared/codes/check-group.ts';
import { GROUP_SIZE, groupedLength, looksGrouped } from '../../shared/codes/grouped-code.ts';
import { PLR_SPEC } from '../../shared/codes/plr-authorization.ts';
import { NONCE_LENGTH } from '../../shared/codes/request-code.ts';
import { COMMITTED_NONCE_LENGTH } from '../../shared/codes/return-key.ts';
import { RETURN_SPEC } from '../../shared/codes/return-code.ts';
import type { ErrorDto } from '../../shared/ipc/dto.ts';

const QUOTES = `"'“”‘’「」『』\``;
const compact = (text: string) => text.replace(/\s+/g, '');

/** Whether the text, as it is, has the shape of a code of that kind (the domain's shapes). */
function isShaped(kind: CodeKind, text: string): boolean {
  const c = compact(text);
  if (kind === 'request') return /^CB-\S+$/i.test(text.trim());
  if (kind === 'confirmation') return /^[0-9a-f]{8}$/i.test(c);
  if (kind === 'return') return looksGrouped(RETURN_SPEC, c);
  return text.trim().startsWith('<') || looksGrouped(PLR_SPEC, c);
}
const ungrouped = (text: string) => compact(text).replace(/-/g, '');

/**
 * Our request codes end `-<nonce>-<check>` (a plain nonce, or one committing to a return key);
 * Cisco's `-<nine characters>-<two>`.
 */
const OUR_REQUEST = new RegExp(
  `^CB-.+-(?:[A-Za-z0-9]{${NONCE_LENGTH}}|[A-Za-z0-9]{${COMMITTED_NONCE_LENGTH}})-[A-Za-z0-9]{${CHECK_LENGTH}}$`,
  'i',
);
const CISCO_REQUEST = /^CB-.+-[A-Za-z0-9]{9}-[A-Za-z0-9]{2}$/i;

function stripQuotes(text: string): string {
  let out = text.trim();
  while (out.length >= 2 && QUOTES.includes(out[0]!) && QUOTES.includes(out.at(-1)!))
    out = out.slice(1, -1).trim();
  return out;
}

/**
 * Whether the text is as long as a code of its kind gets: then it is worth checking as the
 * operator types. Shorter text is checked only when they leave the field.
 */
export function looksComplete(kind: CodeKind, text: string): boolean {
  const code = stripQuotes(text);
  if (kind === 'request') {
    const c = compact(code);
    return OUR_REQUEST.test(c) || CISCO_REQUEST.test(c);
  }
  if (kind === 'confirmation') return compact(code).length >= 8;
  if (kind === 'return') return ungrouped(code).length >= groupedLength(RETURN_SPEC);
  if (code.startsWith('<')) return /<\/specificPLR>\s*$/i.test(code);
  return ungrouped(code).length >= groupedLength(PLR_SPEC);
}

/** After a grouped code's first group: more groups of six, and a shorter tail. */
const TAIL = String.raw`(?:-[A-Za-z0-9]{6}){3,}(?:-[A-Za-z0-9]{1,6})?`;

/** Where a code of each kind sits in text around it, most telling first. */
const FINDERS: Record<CodeKind, Array<{ pattern: RegExp; onlyOne?: boolean }>> = {
  request: [{ pattern: /CB-[^\s"'<>]+/g }],
  confirmation: [
    { pattern: /confirmation code\b[^\n]*?\b([0-9a-f]{8})\b/gi },
    { pattern: /\b[0-9a-f]{8}\b/gi, onlyOne: true },
  ],
  return: [{ pattern: new RegExp(String.raw`\b[A-Za-z0-9]{6}${TAIL}\b`, 'g') }],
  authorization: [
    { pattern: /<specificPLR>[\s\S]*?<\/specificPLR>/g },
    { pattern: new RegExp(String.raw`\bCA[A-Za-z0-9]{4}${TAIL}\b`, 'g') },
  ],
};

/**
 * The code of this kind inside pasted text (a console block, a line of a mail), or null when the
 * text is that code already or holds none. The last one found is taken: a console prints the
 * answer after the command that asked for it.
 */
export function findCodeIn(kind: CodeKind, text: string): string | null {
  const whole = stripQuotes(text);
  if (whole === '' || isShaped(kind, whole)) return null;
  for (const { pattern, onlyOne } of FINDERS[kind]) {
    const found = [...new Set([...text.matchAll(pattern)].map((m) => m[1] ?? m[0]))];
    if (found.length === 0 || (onlyOne && found.length > 1)) continue;
    const code = found.at(-1)!;
    return code === whole ? null : code;
  }
  return null;
}

/** Codes that name a character by its place in the code as the domain reads it. */
const GROUPED = /^(RETURN|AUTHORIZATION)_CODE_(CHECK_FAILED|MALFORMED)$/;
const PLAIN = /^(REQUEST_CODE_(CHECK_FAILED|MALFORMED)|CONFIRMATION_CODE_MALFORMED)$/;

/**
 * Where in `raw` (what is in the field) the character a refusal names is, or null. The domain
 * counts in the code without surrounding quotes and spaces (and, for grouped codes, dashes).
 */
export function suspectIndex(raw: string, error: ErrorDto | null): number | null {
  if (!error) return null;
  const position = Number(error.facts.position);
  if (!Number.isInteger(position) || position < 1) return null;
  let wanted: number;
  let skip: RegExp;
  if (GROUPED.test(error.code)) {
    const group = Number(error.facts.group);
    if (!Number.isInteger(group) || group < 1) return null;
    wanted = (group - 1) * GROUP_SIZE + position - 1;
    skip = /[\s-]/;
  } else if (PLAIN.test(error.code)) {
    wanted = position - 1;
    skip = /\s/;
  } else return null;
  let start = 0;
  while (start < raw.length && (/\s/.test(raw[start]!) || QUOTES.includes(raw[start]!))) start++;
  let seen = -1;
  for (let i = start; i < raw.length; i++) {
    if (skip.test(raw[i]!)) continue;
    if (++seen === wanted) return i;
  }
  return null;
}
