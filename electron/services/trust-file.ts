// The trust file: the authority's public key as a site imports it, checked before it is believed.

import { createPublicKey, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { DomainError } from '../../shared/errors.ts';
import { fingerprintOf, isP256 } from './crypto-node.ts';

const FORMAT = 'airlock-trust';
const ALGORITHM = 'ECDSA-P256-SHA256';
const MAX_TRUST_FILE_CHARS = 64 * 1024;

const trustFileSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(1),
  authorityName: z.string().trim().min(1).max(200),
  algorithm: z.literal(ALGORITHM),
  publicKey: z.string().min(1).max(4096),
  fingerprint: z.string().regex(/^[0-9A-F]{4}( [0-9A-F]{4}){15}$/),
  createdAt: z.iso.datetime({ offset: true }),
});

export interface TrustFileInput {
  authorityName: string;
  publicKeyPem: string;
  /** ISO 8601 date-time. */
  createdAt: string;
}

export interface Trust {
  authorityName: string;
  /** Re-encoded from the parsed key, so line endings and wrapping are always the same. */
  publicKeyPem: string;
  fingerprint: string;
  createdAt: string;
}

function invalid(reason: string, field?: string): DomainError {
  return new DomainError('TRUST_FILE_INVALID', { reason, field });
}

function readP256PublicKey(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch {
    throw invalid('key-unreadable', 'publicKey');
  }
  if (key.type !== 'public' || !isP256(key)) throw invalid('not-p256', 'publicKey');
  return key;
}

function canonicalPem(key: KeyObject): string {
  return key.export({ type: 'spki', format: 'pem' }).toString();
}

/** The text of a trust file for `publicKeyPem` (pretty JSON, one field per line). */
export function createTrustFile(input: TrustFileInput): string {
  const key = readP256PublicKey(input.publicKeyPem);
  const file: z.infer<typeof trustFileSchema> = {
    format: FORMAT,
    version: 1,
    authorityName: input.authorityName,
    algorithm: ALGORITHM,
    publicKey: canonicalPem(key),
    fingerprint: fingerprintOf(key),
    createdAt: input.createdAt,
  };
  const checked = trustFileSchema.safeParse(file);
  if (!checked.success) throw invalid('schema', String(checked.error.issues[0]?.path[0] ?? ''));
  return `${JSON.stringify(file, null, 2)}\n`;
}

/**
 * Reads a trust file and refuses it (TRUST_FILE_INVALID {reason, field?}) unless the key is a
 * P-256 public key whose fingerprint is the one written next to it. A file whose key and
 * fingerprint were both replaced is self-consistent: that is why the UI shows the fingerprint
 * for the operator to compare with the authority's, out of band.
 */
export function parseTrustFile(text: string): Trust {
  if (text.length > MAX_TRUST_FILE_CHARS) throw invalid('too-large');
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw invalid('not-json');
  }
  const parsed = trustFileSchema.safeParse(json);
  if (!parsed.success) {
    throw invalid('schema', String(parsed.error.issues[0]?.path[0] ?? ''));
  }
  const file = parsed.data;
  const key = readP256PublicKey(file.publicKey);
  const fingerprint = fingerprintOf(key);
  if (fingerprint !== file.fingerprint) throw invalid('fingerprint-mismatch', 'fingerprint');
  return {
    authorityName: file.authorityName,
    publicKeyPem: canonicalPem(key),
    fingerprint,
    createdAt: file.createdAt,
  };
}
