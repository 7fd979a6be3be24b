// Tells what kind of code a text is by its shape alone — no checking, no decoding.

import { looksLikeXml } from './authorization.ts';
import { looksGrouped } from './grouped-code.ts';
import { unwrap, withoutWhitespace } from './normalise.ts';
import { PLR_SPEC } from './plr-authorization.ts';
import { looksLikeReturnCode } from './return-code.ts';

export type CodeKind = 'request' | 'authorization' | 'confirmation' | 'return';

export const CODE_KINDS: readonly CodeKind[] = [
  'request',
  'authorization',
  'confirmation',
  'return',
];

export function classifyCode(raw: string): CodeKind | undefined {
  if (looksLikeXml(raw)) return 'authorization';
  const compact = withoutWhitespace(unwrap(raw));
  if (/^CB-/i.test(compact)) return 'request';
  if (/^[0-9a-fA-F]{8}$/.test(compact)) return 'confirmation';
  if (looksGrouped(PLR_SPEC, compact)) return 'authorization';
  if (looksLikeReturnCode(compact)) return 'return';
  return undefined;
}
