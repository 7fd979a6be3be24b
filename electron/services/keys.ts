// The authority's signing key: made once, kept on disk only encrypted under the user's passphrase.

import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  scryptSync,
  timingSafeEqual,
  type KeyObject,
} from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DomainError } from '../../shared/errors.ts';
import type { Random } from '../../shared/ports.ts';
import { createRandom, fingerprintOf, isP256 } from './crypto-node.ts';
import { writeFileDurably } from './durable-write.ts';
import {
  type UnlockAttempts,
  attemptsPathFor,
  clearAttempts,
  readAttempts,
  recordFailure,
  waitBeforeNextAttempt,
} from './unlock-attempts.ts';

export { createTrustFile, parseTrustFile, type TrustFileInput, type Trust } from './trust-file.ts';
export {
  forgetPassphrase,
  recallPassphrase,
  rememberPassphrase,
  type SecretStore,
} from './passphrase-memory.ts';

export { fingerprintOf };

export const MIN_PASSPHRASE_LENGTH = 8;
const KEY_FILE_FORMAT = 'airlock-authority-key';
const ALGORITHM = 'ECDSA-P256-SHA256';
// scrypt cost for new keys: 2^17 × 8 takes ~0.4 s and 128 MiB here, so each passphrase guess costs
// an attacker the same. Files written at a lower N (2^15 before) are re-wrapped at their next unlock.
export const SCRYPT = { N: 2 ** 17, r: 8, p: 1 };
// What unlock accepts from a file, so a damaged or hostile file cannot ask for gigabytes.
const MAX_N = 2 ** 20;
const MAX_R = 16;
const MAX_P = 4;
const MAX_SCRYPT_MEMORY = 256 * 1024 * 1024;
// 32 bytes of AES key, then 16 bytes stored as a passphrase check (see unlockAuthorityKey).
const AES_KEY_BYTES = 32;
const CHECK_BYTES = 16;

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);

const keyFileSchema = z.object({
  format: z.literal(KEY_FILE_FORMAT),
  version: z.literal(1),
  algorithm: z.literal(ALGORITHM),
  publicKey: z.string().max(4096),
  fingerprint: z.string().max(200),
  kdf: z.object({
    name: z.literal('scrypt'),
    salt: base64,
    N: z.number().int(),
    r: z.number().int(),
    p: z.number().int(),
  }),
  cipher: z.object({ name: z.literal('aes-256-gcm'), iv: base64, tag: base64 }),
  check: base64,
  ciphertext: base64.max(16_384),
  checksum: z.string().regex(/^[0-9a-f]{64}$/),
});

/** The encrypted key file, a plain JSON object the caller stores (e.g. as `authority-key.json`). */
export type AuthorityKeyFile = z.infer<typeof keyFileSchema>;

export interface GeneratedAuthorityKey {
  encryptedKeyFile: AuthorityKeyFile;
  publicKeyPem: string;
  fingerprint: string;
  /** The key itself, for the workspace being made (unsealing the file again would cost scrypt). */
  privateKey: KeyObject;
}

export interface GenerateKeyOptions {
  /** Salt and IV source; defaults to node:crypto. */
  random?: Random;
}

// The same passphrase typed through different input methods (ja/zh IMEs, macOS vs Windows) can
// arrive in different Unicode forms; NFC makes them the same bytes.
function normalisePassphrase(passphrase: string): string {
  return passphrase.normalize('NFC');
}

type ScryptCost = { N: number; r: number; p: number };

/**
 * The memory OpenSSL's scrypt asks for: its V array (128·r·(N+2)) and B (128·r·p). Node refuses
 * anything above `maxmem`, 32 MiB by default — less than N = 2^17 needs — so it is passed exactly.
 */
export function scryptMemory({ N, r, p }: ScryptCost): number {
  return 128 * r * (N + p + 2);
}

function deriveKey(passphrase: string, salt: Buffer, kdf: ScryptCost) {
  const { N, r, p } = kdf;
  const derived = scryptSync(normalisePassphrase(passphrase), salt, AES_KEY_BYTES + CHECK_BYTES, {
    N,
    r,
    p,
    maxmem: scryptMemory(kdf),
  });
  return { aesKey: derived.subarray(0, AES_KEY_BYTES), check: derived.subarray(AES_KEY_BYTES) };
}

type KeyFileHeader = Pick<
  AuthorityKeyFile,
  'format' | 'version' | 'algorithm' | 'publicKey' | 'kdf'
>;

// Bound into the ciphertext as associated data: swapping the public key or the KDF parameters in
// the file makes decryption fail instead of pairing the private key with someone else's public key.
function associatedData(file: KeyFileHeader): Buffer {
  const { format, version, algorithm, publicKey, kdf } = file;
  const { name, salt, N, r, p } = kdf;
  return Buffer.from(
    JSON.stringify({ format, version, algorithm, publicKey, kdf: { name, salt, N, r, p } }),
  );
}

// An unkeyed checksum over every other field: tells accidental damage (KEY_FILE_CORRUPT) apart
// from a wrong passphrase. It is no defence against an attacker; the GCM tag is.
function checksumOf(file: Omit<AuthorityKeyFile, 'checksum'>): string {
  const { fingerprint, cipher, check, ciphertext } = file;
  const body = JSON.stringify([
    associatedData(file).toString(),
    fingerprint,
    [cipher.name, cipher.iv, cipher.tag],
    check,
    ciphertext,
  ]);
  return createHash('sha256').update(body).digest('hex');
}

function checkPassphraseLength(passphrase: string): void {
  if ([...normalisePassphrase(passphrase)].length < MIN_PASSPHRASE_LENGTH) {
    throw new DomainError('PASSPHRASE_TOO_SHORT', { min: MIN_PASSPHRASE_LENGTH });
  }
}

/** Encrypts `privateKey` under `passphrase` at the current cost, with a fresh salt and IV. */
function sealPrivateKey(
  privateKey: KeyObject,
  publicKeyPem: string,
  passphrase: string,
  random: Random,
): AuthorityKeyFile {
  const salt = Buffer.from(random.bytes(16));
  const iv = Buffer.from(random.bytes(12));
  const kdf = { name: 'scrypt' as const, salt: salt.toString('base64'), ...SCRYPT };
  const header: KeyFileHeader = {
    format: KEY_FILE_FORMAT,
    version: 1,
    algorithm: ALGORITHM,
    publicKey: publicKeyPem,
    kdf,
  };

  const { aesKey, check } = deriveKey(passphrase, salt, SCRYPT);
  const plaintext = privateKey.export({ type: 'pkcs8', format: 'der' });
  const cipher = createCipheriv('aes-256-gcm', aesKey, iv);
  cipher.setAAD(associatedData(header));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  plaintext.fill(0);
  aesKey.fill(0);

  const unsealed = {
    ...header,
    fingerprint: fingerprintOf(publicKeyPem),
    cipher: {
      name: 'aes-256-gcm' as const,
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
    },
    check: check.toString('base64'),
    ciphertext: ciphertext.toString('base64'),
  };
  return { ...unsealed, checksum: checksumOf(unsealed) };
}

/** Makes a new P-256 key pair and returns the private half encrypted under `passphrase`. */
export function generateAuthorityKey(
  passphrase: string,
  opts: GenerateKeyOptions = {},
): GeneratedAuthorityKey {
  checkPassphraseLength(passphrase);
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const encryptedKeyFile = sealPrivateKey(
    privateKey,
    publicKeyPem,
    passphrase,
    opts.random ?? createRandom(),
  );
  return { encryptedKeyFile, publicKeyPem, fingerprint: encryptedKeyFile.fingerprint, privateKey };
}

function corrupt(reason: string): DomainError {
  return new DomainError('KEY_FILE_CORRUPT', { reason });
}

function readKeyFile(input: unknown): AuthorityKeyFile {
  let value = input;
  if (typeof input === 'string' || input instanceof Uint8Array) {
    try {
      value = JSON.parse(Buffer.from(input).toString('utf8'));
    } catch {
      throw corrupt('not-json');
    }
  }
  const parsed = keyFileSchema.safeParse(value);
  if (!parsed.success) throw corrupt('schema');
  const file = parsed.data;
  if (checksumOf(file) !== file.checksum) throw corrupt('checksum');
  const { N, r, p } = file.kdf;
  const powerOfTwo = (N & (N - 1)) === 0;
  if (!powerOfTwo || N < 2 ** 10 || N > MAX_N || r < 1 || r > MAX_R || p < 1 || p > MAX_P) {
    throw corrupt('kdf-parameters');
  }
  if (scryptMemory(file.kdf) > MAX_SCRYPT_MEMORY) throw corrupt('kdf-parameters');
  return file;
}

/**
 * Decrypts the private key. A wrong passphrase (PASSPHRASE_WRONG) and a damaged file
 * (KEY_FILE_CORRUPT {reason}) are told apart, so the user is not asked to retype a passphrase
 * that was right. The file object is only read, never changed.
 */
export function unlockAuthorityKey(file: unknown, passphrase: string): KeyObject {
  const keyFile = readKeyFile(file);
  const { aesKey, check } = deriveKey(
    passphrase,
    Buffer.from(keyFile.kdf.salt, 'base64'),
    keyFile.kdf,
  );
  const storedCheck = Buffer.from(keyFile.check, 'base64');
  if (storedCheck.length !== CHECK_BYTES || !timingSafeEqual(storedCheck, check)) {
    aesKey.fill(0);
    throw new DomainError('PASSPHRASE_WRONG');
  }

  let plaintext: Buffer;
  try {
    const decipher = createDecipheriv(
      'aes-256-gcm',
      aesKey,
      Buffer.from(keyFile.cipher.iv, 'base64'),
    );
    decipher.setAAD(associatedData(keyFile));
    decipher.setAuthTag(Buffer.from(keyFile.cipher.tag, 'base64'));
    plaintext = Buffer.concat([
      decipher.update(Buffer.from(keyFile.ciphertext, 'base64')),
      decipher.final(),
    ]);
  } catch {
    throw corrupt('decrypt');
  } finally {
    aesKey.fill(0);
  }

  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: plaintext, format: 'der', type: 'pkcs8' });
  } catch {
    throw corrupt('key-unreadable');
  } finally {
    plaintext.fill(0);
  }
  if (!isP256(privateKey)) throw corrupt('not-p256');
  if (fingerprintOf(createPublicKey(privateKey)) !== fingerprintOf(keyFile.publicKey)) {
    throw corrupt('key-mismatch');
  }
  return privateKey;
}

/** Reads the public half without the passphrase (the overview shows the fingerprint). */
export function publicKeyOf(file: unknown): { publicKeyPem: string; fingerprint: string } {
  const keyFile = readKeyFile(file);
  try {
    return { publicKeyPem: keyFile.publicKey, fingerprint: fingerprintOf(keyFile.publicKey) };
  } catch {
    throw corrupt('public-key-unreadable');
  }
}

/** True when the file was written at a lower scrypt cost than new keys get. */
export function needsRewrap(file: unknown): boolean {
  const { kdf } = readKeyFile(file);
  return kdf.N < SCRYPT.N || kdf.r < SCRYPT.r;
}

export interface UnlockKeyFileOptions {
  /** Wall-clock time for the attempt delay; defaults to Date.now. */
  now?: () => number;
  /** Salt and IV source for a re-wrap; defaults to node:crypto. */
  random?: Random;
}

export interface UnlockedKeyFile {
  privateKey: KeyObject;
  /**
   * `done`: the file was at a lower cost and now holds the same key at the current one;
   * `failed`: that rewrite could not be written (the old file is intact, the next unlock retries).
   */
  rewrap: 'not-needed' | 'done' | 'failed';
}

/** Counts the failure beside the key; if that cannot be written, the refusal still says how many. */
function wrongPassphrase(attemptsPath: string, before: UnlockAttempts, at: number): DomainError {
  let after: UnlockAttempts;
  try {
    after = recordFailure(attemptsPath, at);
  } catch {
    after = { failures: before.failures + 1, lastFailureAt: at };
  }
  const next = waitBeforeNextAttempt(after, at);
  return new DomainError('PASSPHRASE_WRONG', {
    attempts: after.failures,
    ...(next > 0 ? { retryAfterSeconds: Math.ceil(next / 1000) } : {}),
  });
}

function throttled(attempts: UnlockAttempts, waitMs: number): DomainError {
  return new DomainError('UNLOCK_THROTTLED', {
    attempts: attempts.failures,
    retryAfterSeconds: Math.ceil(waitMs / 1000),
  });
}

/**
 * Unlocks the key file at `path`, with the file's history of wrong passphrases: after
 * FREE_ATTEMPTS failures each attempt waits (UNLOCK_THROTTLED {attempts, retryAfterSeconds},
 * refused before scrypt runs), every wrong passphrase is counted (PASSPHRASE_WRONG {attempts,
 * retryAfterSeconds?} — the facts a caller logs), and a success clears the count. A file at a
 * lower scrypt cost is re-wrapped in place: written whole beside it, synced, renamed over it.
 */
export function unlockAuthorityKeyFile(
  path: string,
  passphrase: string,
  options: UnlockKeyFileOptions = {},
): UnlockedKeyFile {
  const now = options.now ?? Date.now;
  const attemptsPath = attemptsPathFor(path);
  const before = readAttempts(attemptsPath);
  const wait = waitBeforeNextAttempt(before, now());
  if (wait > 0) throw throttled(before, wait);

  const file = readKeyFile(readFileSync(path, 'utf8'));
  let privateKey: KeyObject;
  try {
    privateKey = unlockAuthorityKey(file, passphrase);
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== 'PASSPHRASE_WRONG') throw error;
    throw wrongPassphrase(attemptsPath, before, now());
  }
  if (before.failures > 0) {
    // Best effort: a count that cannot be removed (read-only folder) only delays the next unlock.
    try {
      clearAttempts(attemptsPath);
    } catch {
      /* see above */
    }
  }
  if (!needsRewrap(file)) return { privateKey, rewrap: 'not-needed' };
  try {
    const random = options.random ?? createRandom();
    const sealed = sealPrivateKey(privateKey, file.publicKey, passphrase, random);
    writeFileDurably(path, `${JSON.stringify(sealed, null, 2)}\n`, 0o600);
    return { privateKey, rewrap: 'done' };
  } catch {
    // The key is unlocked either way; a full disk must not lock the operator out of signing.
    return { privateKey, rewrap: 'failed' };
  }
}
