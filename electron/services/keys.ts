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
import { z } from 'zod';
import { DomainError } from '../../shared/errors.ts';
import type { Random } from '../../shared/ports.ts';
import { createRandom, fingerprintOf, isP256 } from './crypto-node.ts';

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
// scrypt cost: 2^15 × 8 takes ~0.1 s and 32 MiB, so each passphrase guess costs an attacker the same.
const SCRYPT = { N: 2 ** 15, r: 8, p: 1 };
// What unlock accepts from a file, so a damaged or hostile file cannot ask for gigabytes.
const MAX_N = 2 ** 20;
const MAX_R = 16;
const MAX_P = 4;
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

function deriveKey(passphrase: string, salt: Buffer, kdf: { N: number; r: number; p: number }) {
  const derived = scryptSync(normalisePassphrase(passphrase), salt, AES_KEY_BYTES + CHECK_BYTES, {
    ...kdf,
    maxmem: 256 * kdf.N * kdf.r,
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

/** Makes a new P-256 key pair and returns the private half encrypted under `passphrase`. */
export function generateAuthorityKey(
  passphrase: string,
  opts: GenerateKeyOptions = {},
): GeneratedAuthorityKey {
  checkPassphraseLength(passphrase);
  const random = opts.random ?? createRandom();
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
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

  const fingerprint = fingerprintOf(publicKey);
  const unsealed = {
    ...header,
    fingerprint,
    cipher: {
      name: 'aes-256-gcm' as const,
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
    },
    check: check.toString('base64'),
    ciphertext: ciphertext.toString('base64'),
  };
  return {
    encryptedKeyFile: { ...unsealed, checksum: checksumOf(unsealed) },
    publicKeyPem,
    fingerprint,
  };
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
