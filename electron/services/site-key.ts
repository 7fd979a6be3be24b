// A site's own key, for signing its audit checkpoints (an authority signs them with its signing
// key). Kept in `site-key.json`, protected as well as the place allows: under the operator's
// passphrase when one was set (the same scrypt + AES-GCM file as the authority's key), else by
// the OS keychain (Electron's safeStorage) in the app, else — a site made from the command line
// without a passphrase — only by the file's permissions, which `audit verify` says.

import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { DomainError } from '../../shared/errors.ts';
import type { Random } from '../../shared/ports.ts';
import { createRandom, fingerprintOf, isP256 } from './crypto-node.ts';
import { writeFileDurably } from './durable-write.ts';
import { generateAuthorityKey, publicKeyOf, unlockAuthorityKey } from './keys.ts';
import type { SecretStore } from './passphrase-memory.ts';

export const SITE_KEY_FILE = 'site-key.json';

export type SiteKeyProtection = 'passphrase' | 'keychain' | 'none';

const base = {
  format: z.literal('airlock-site-key'),
  version: z.literal(1),
  publicKey: z.string().max(4096),
};
const siteKeySchema = z.discriminatedUnion('protection', [
  z.object({ ...base, protection: z.literal('passphrase'), sealed: z.unknown() }),
  z.object({ ...base, protection: z.literal('keychain'), blob: z.string().max(16_384) }),
  z.object({ ...base, protection: z.literal('none'), privateKey: z.string().max(16_384) }),
]);
type SiteKeyFile = z.infer<typeof siteKeySchema>;

export interface SiteKey {
  protection: SiteKeyProtection;
  publicKeyPem: string;
  fingerprint: string;
}

function pem(key: KeyObject): string {
  return key.export({ type: 'pkcs8', format: 'pem' }).toString();
}

/**
 * Makes the key and writes it at `path`: under `passphrase` when given, else in the keychain
 * when the app has one, else protected only by the file's permissions.
 */
export function createSiteKey(
  path: string,
  options: { passphrase?: string; secretStore?: SecretStore; random?: Random },
): SiteKey & { privateKey: KeyObject } {
  let file: SiteKeyFile;
  let made: KeyObject;
  if (options.passphrase) {
    const sealed = generateAuthorityKey(options.passphrase, {
      random: options.random ?? createRandom(),
    });
    made = sealed.privateKey;
    file = {
      format: 'airlock-site-key',
      version: 1,
      protection: 'passphrase',
      publicKey: sealed.publicKeyPem,
      sealed: sealed.encryptedKeyFile,
    };
  } else {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    made = privateKey;
    const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    file = options.secretStore?.isAvailable()
      ? {
          format: 'airlock-site-key',
          version: 1,
          protection: 'keychain',
          publicKey: publicKeyPem,
          blob: Buffer.from(options.secretStore.encrypt(pem(privateKey))).toString('base64'),
        }
      : {
          format: 'airlock-site-key',
          version: 1,
          protection: 'none',
          publicKey: publicKeyPem,
          privateKey: pem(privateKey),
        };
  }
  writeFileDurably(path, `${JSON.stringify(file, null, 2)}\n`, 0o600);
  return { ...describe(file), privateKey: made };
}

function corrupt(reason: string): DomainError {
  return new DomainError('KEY_FILE_CORRUPT', { reason });
}

function read(path: string): SiteKeyFile {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw corrupt('not-json');
  }
  const parsed = siteKeySchema.safeParse(value);
  if (!parsed.success) throw corrupt('schema');
  return parsed.data;
}

function describe(file: SiteKeyFile): SiteKey {
  try {
    return {
      protection: file.protection,
      publicKeyPem: file.publicKey,
      fingerprint: fingerprintOf(file.publicKey),
    };
  } catch {
    throw corrupt('public-key-unreadable');
  }
}

export function siteKeyExists(path: string): boolean {
  return existsSync(path);
}

/** The public half and how the private half is kept (no secret needed). */
export function readSiteKey(path: string): SiteKey {
  return describe(read(path));
}

function checked(privateKey: KeyObject, file: SiteKeyFile): KeyObject {
  if (!isP256(privateKey)) throw corrupt('not-p256');
  if (fingerprintOf(createPublicKey(privateKey)) !== fingerprintOf(file.publicKey))
    throw corrupt('key-mismatch');
  return privateKey;
}

/**
 * The private half, when it can be had here: a file kept by its permissions always, one in the
 * keychain where the keychain is (the app), one under a passphrase when it is given (a wrong one
 * is PASSPHRASE_WRONG). Undefined when it stays locked.
 */
export function unlockSiteKey(
  path: string,
  options: { passphrase?: string | undefined; secretStore?: SecretStore | undefined },
): KeyObject | undefined {
  const file = read(path);
  switch (file.protection) {
    case 'none':
      try {
        return checked(createPrivateKey(file.privateKey), file);
      } catch (error) {
        throw error instanceof DomainError ? error : corrupt('key-unreadable');
      }
    case 'keychain': {
      if (!options.secretStore?.isAvailable()) return undefined;
      let text: string;
      try {
        text = options.secretStore.decrypt(Buffer.from(file.blob, 'base64'));
      } catch {
        return undefined; // another OS user, a reset keychain: as if there were none
      }
      return checked(createPrivateKey(text), file);
    }
    case 'passphrase':
      if (!options.passphrase) return undefined;
      publicKeyOf(file.sealed); // a damaged inner file says so before any passphrase is tried
      return checked(unlockAuthorityKey(file.sealed, options.passphrase), file);
  }
}
