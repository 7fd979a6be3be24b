// The authority key at rest: encrypted under a passphrase, unlockable only with it; the trust file.

import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeReadOnly } from './scratch-mounts.ts';
import { testKeychain } from '../../support/ports.ts';
import { DomainError } from '../../../shared/errors.ts';
import { createSigner, createVerifier } from '../../../electron/services/crypto-node.ts';
import {
  createTrustFile,
  forgetPassphrase,
  generateAuthorityKey,
  MIN_PASSPHRASE_LENGTH,
  parseTrustFile,
  publicKeyOf,
  recallPassphrase,
  rememberPassphrase,
  scryptMemory,
  unlockAuthorityKey,
  unlockAuthorityKeyFile,
  type SecretStore,
} from '../../../electron/services/keys.ts';

const dir = mkdtempSync(join(tmpdir(), 'airlock-keys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PASSPHRASE = 'correct horse battery';
// One key for most tests: scrypt is deliberately slow.
const generated = generateAuthorityKey(PASSPHRASE);
const keyPath = join(dir, 'authority-key.json');
writeFileSync(keyPath, JSON.stringify(generated.encryptedKeyFile, null, 2));

function errorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError, nothing was thrown');
}

function secretsOf(privateKey: KeyObject): string[] {
  const d = Buffer.from(privateKey.export({ format: 'jwk' }).d!, 'base64url');
  const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'der' });
  return [
    d.toString('hex'),
    d.toString('hex').toUpperCase(),
    d.toString('base64'),
    d.toString('base64url'),
    pkcs8.toString('base64'),
    pkcs8.toString('hex'),
  ];
}

describe('authority key file', () => {
  it('unlocks with the passphrase to a key whose signatures the public key verifies', () => {
    const file: unknown = JSON.parse(readFileSync(keyPath, 'utf8'));
    const privateKey = unlockAuthorityKey(file, PASSPHRASE);
    const data = new TextEncoder().encode('authorization');
    const signature = createSigner(privateKey).sign(data);
    expect(createVerifier(generated.publicKeyPem).verify(data, signature)).toBe(true);
  });

  it('never holds the private key in plaintext on disk', () => {
    const bytes = readFileSync(keyPath);
    const text = bytes.toString('utf8');
    const privateKey = unlockAuthorityKey(generated.encryptedKeyFile, PASSPHRASE);
    expect(text).not.toContain('PRIVATE KEY');
    for (const secret of secretsOf(privateKey)) expect(text).not.toContain(secret);
    const d = Buffer.from(privateKey.export({ format: 'jwk' }).d!, 'base64url');
    expect(bytes.includes(d)).toBe(false);
    expect(bytes.includes(privateKey.export({ type: 'pkcs8', format: 'der' }))).toBe(false);
  });

  it('uses scrypt (N=2^17, r=8, p=1, 16-byte salt) and AES-256-GCM (12-byte IV, tag)', () => {
    const { kdf, cipher } = generated.encryptedKeyFile;
    expect(kdf).toMatchObject({ name: 'scrypt', N: 2 ** 17, r: 8, p: 1 });
    expect(Buffer.from(kdf.salt, 'base64')).toHaveLength(16);
    expect(cipher.name).toBe('aes-256-gcm');
    expect(Buffer.from(cipher.iv, 'base64')).toHaveLength(12);
    expect(Buffer.from(cipher.tag, 'base64')).toHaveLength(16);
  });

  it('gives a fingerprint of 16 upper-case groups of 4, readable without the passphrase', () => {
    expect(generated.fingerprint).toMatch(/^[0-9A-F]{4}( [0-9A-F]{4}){15}$/);
    expect(publicKeyOf(generated.encryptedKeyFile)).toEqual({
      publicKeyPem: generated.publicKeyPem,
      fingerprint: generated.fingerprint,
    });
  });

  it('refuses a wrong passphrase and leaves the key file unchanged', () => {
    const before = readFileSync(keyPath);
    const file: unknown = JSON.parse(before.toString('utf8'));
    const snapshot = structuredClone(file);
    for (const wrong of ['correct horse battery ', 'Correct horse battery', '', 'x']) {
      expect(errorOf(() => unlockAuthorityKey(file, wrong)).code).toBe('PASSPHRASE_WRONG');
    }
    expect(file).toEqual(snapshot);
    expect(readFileSync(keyPath).equals(before)).toBe(true);
  });

  it('refuses passphrases shorter than 8 characters with PASSPHRASE_TOO_SHORT {min}', () => {
    for (const short of ['', 'short', '1234567']) {
      const error = errorOf(() => generateAuthorityKey(short));
      expect(error.code).toBe('PASSPHRASE_TOO_SHORT');
      expect(error.facts).toEqual({ min: MIN_PASSPHRASE_LENGTH });
    }
  });

  it('counts characters, not bytes, and accepts the passphrase in any Unicode form', () => {
    expect(errorOf(() => generateAuthorityKey('鍵鍵鍵鍵鍵鍵鍵')).code).toBe('PASSPHRASE_TOO_SHORT');
    const composed = 'パスワードです。ガ'; // ends with U+30AC
    const { encryptedKeyFile } = generateAuthorityKey(composed);
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    expect(unlockAuthorityKey(encryptedKeyFile, decomposed).type).toBe('private');
  });

  it('reports a damaged file as KEY_FILE_CORRUPT, not as a wrong passphrase', () => {
    const file = generated.encryptedKeyFile;
    const flipped = Buffer.from(file.ciphertext, 'base64');
    flipped[5]! ^= 1;
    const cases: Array<[string, unknown]> = [
      ['not-json', readFileSync(keyPath, 'utf8').slice(0, 200)],
      ['schema', { ...file, cipher: undefined }],
      ['schema', 42],
      ['checksum', { ...file, ciphertext: flipped.toString('base64') }],
      ['checksum', { ...file, kdf: { ...file.kdf, N: 2 ** 14 } }],
    ];
    for (const [reason, damaged] of cases) {
      const error = errorOf(() => unlockAuthorityKey(damaged, PASSPHRASE));
      expect(error.code).toBe('KEY_FILE_CORRUPT');
      expect(error.facts.reason).toBe(reason);
    }
  });

  it('refuses a file whose public key was swapped for another', () => {
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;
    const swapped = {
      ...generated.encryptedKeyFile,
      publicKey: other.export({ type: 'spki', format: 'pem' }).toString(),
    };
    expect(errorOf(() => unlockAuthorityKey(swapped, PASSPHRASE)).code).toBe('KEY_FILE_CORRUPT');
  });
});

describe('a key file written at an older, lower scrypt cost', () => {
  const OLD_PASSPHRASE = 'an older desk passphrase';
  const fixture = new URL('../../fixtures/keys/authority-key-n15.json', import.meta.url);

  function oldKeyIn(name: string): string {
    const folder = join(dir, name);
    mkdirSync(folder);
    const path = join(folder, 'authority-key.json');
    copyFileSync(fixture, path);
    return path;
  }

  it('still unlocks, and is re-wrapped at N=2^17 holding the same key', () => {
    const path = oldKeyIn('rewrap');
    const old = JSON.parse(readFileSync(path, 'utf8'));
    expect(old.kdf.N).toBe(2 ** 15);

    const first = unlockAuthorityKeyFile(path, OLD_PASSPHRASE);
    expect(first.rewrap).toBe('done');
    const rewrapped = JSON.parse(readFileSync(path, 'utf8'));
    expect(rewrapped.kdf).toMatchObject({ name: 'scrypt', N: 2 ** 17, r: 8, p: 1 });
    expect(rewrapped.kdf.salt).not.toBe(old.kdf.salt);
    expect(rewrapped.cipher.iv).not.toBe(old.cipher.iv);
    expect(publicKeyOf(rewrapped)).toEqual(publicKeyOf(old));
    // Nothing else is left beside it: no temp file, no attempts file.
    expect(readdirSync(join(dir, 'rewrap'))).toEqual(['authority-key.json']);

    const second = unlockAuthorityKeyFile(path, OLD_PASSPHRASE);
    expect(second.rewrap).toBe('not-needed');
    const data = new TextEncoder().encode('the same key, before and after');
    for (const { privateKey } of [first, second]) {
      const signature = createSigner(privateKey).sign(data);
      expect(createVerifier(old.publicKey).verify(data, signature)).toBe(true);
    }
  });

  it('is not touched by a wrong passphrase', () => {
    const path = oldKeyIn('rewrap-wrong');
    const before = readFileSync(path);
    expect(errorOf(() => unlockAuthorityKeyFile(path, 'not the old passphrase')).code).toBe(
      'PASSPHRASE_WRONG',
    );
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('keeps the old file whole when the re-wrap cannot be written, and still unlocks', (ctx) => {
    const path = oldKeyIn('rewrap-read-only');
    const before = readFileSync(path);
    const readOnly = makeReadOnly(join(dir, 'rewrap-read-only'));
    try {
      if (readOnly.mode === 'injected EROFS')
        return ctx.skip('nowhere read-only to write to here (neither chmod nor a bind mount)');
      const result = unlockAuthorityKeyFile(path, OLD_PASSPHRASE);
      expect(result.rewrap).toBe('failed');
      expect(result.privateKey.type).toBe('private');
      expect(readFileSync(path).equals(before)).toBe(true);
      expect(readdirSync(join(dir, 'rewrap-read-only'))).toEqual(['authority-key.json']);
    } finally {
      readOnly.undo();
    }
    expect(unlockAuthorityKeyFile(path, OLD_PASSPHRASE).rewrap).toBe('done');
  });

  it('refuses, without running scrypt, a file that asks for more memory than unlock allows', () => {
    // A hostile file with a correct checksum: N = 2^20, r = 16 would need 2 GiB.
    const file = { ...generated.encryptedKeyFile, kdf: { ...generated.encryptedKeyFile.kdf } };
    file.kdf.N = 2 ** 20;
    file.kdf.r = 16;
    const associated = JSON.stringify({
      format: file.format,
      version: file.version,
      algorithm: file.algorithm,
      publicKey: file.publicKey,
      kdf: file.kdf,
    });
    const body = JSON.stringify([
      associated,
      file.fingerprint,
      [file.cipher.name, file.cipher.iv, file.cipher.tag],
      file.check,
      file.ciphertext,
    ]);
    file.checksum = createHash('sha256').update(body).digest('hex');
    expect(scryptMemory(file.kdf)).toBeGreaterThan(2 ** 30);
    const error = errorOf(() => unlockAuthorityKey(file, PASSPHRASE));
    expect(error).toMatchObject({ code: 'KEY_FILE_CORRUPT', facts: { reason: 'kdf-parameters' } });
  });
});

describe('trust file', () => {
  const createdAt = '2026-01-15T09:00:00.000Z';
  const text = createTrustFile({
    authorityName: 'Tokyo licence desk',
    publicKeyPem: generated.publicKeyPem,
    createdAt,
  });

  it('round-trips the authority name, key and fingerprint as pretty JSON', () => {
    expect(JSON.parse(text)).toEqual({
      format: 'airlock-trust',
      version: 1,
      authorityName: 'Tokyo licence desk',
      algorithm: 'ECDSA-P256-SHA256',
      publicKey: generated.publicKeyPem,
      fingerprint: generated.fingerprint,
      createdAt,
    });
    expect(text).toContain('\n  "fingerprint": ');
    expect(parseTrustFile(text)).toEqual({
      authorityName: 'Tokyo licence desk',
      publicKeyPem: generated.publicKeyPem,
      fingerprint: generated.fingerprint,
      createdAt,
    });
  });

  it('accepts the file after a trip through Windows (CRLF line endings, BOM)', () => {
    const windows = `\uFEFF${text.replace(/\n/g, '\r\n')}`;
    expect(parseTrustFile(windows).fingerprint).toBe(generated.fingerprint);
  });

  it('refuses a file whose key was replaced but whose fingerprint was kept', () => {
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;
    const tampered = {
      ...JSON.parse(text),
      publicKey: other.export({ type: 'spki', format: 'pem' }),
    };
    const error = errorOf(() => parseTrustFile(JSON.stringify(tampered)));
    expect(error.code).toBe('TRUST_FILE_INVALID');
    expect(error.facts.reason).toBe('fingerprint-mismatch');
  });

  it('refuses a file whose fingerprint was changed', () => {
    const parsed = JSON.parse(text);
    const digit = parsed.fingerprint[0] === 'A' ? 'B' : 'A';
    const tampered = { ...parsed, fingerprint: digit + parsed.fingerprint.slice(1) };
    const error = errorOf(() => parseTrustFile(JSON.stringify(tampered)));
    expect(error.facts).toMatchObject({ reason: 'fingerprint-mismatch' });
  });

  it('refuses a key that is not P-256, even with its own matching fingerprint', () => {
    const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' }).publicKey;
    const pem = p384.export({ type: 'spki', format: 'pem' }).toString();
    expect(
      errorOf(() => createTrustFile({ authorityName: 'x', publicKeyPem: pem, createdAt })).facts,
    ).toMatchObject({ reason: 'not-p256' });
    const tampered = { ...JSON.parse(text), publicKey: pem };
    expect(errorOf(() => parseTrustFile(JSON.stringify(tampered))).facts).toMatchObject({
      reason: 'not-p256',
    });
  });

  it.each([
    ['not-json', 'not json at all'],
    ['not-json', ''],
    ['schema', JSON.stringify({ format: 'something-else' })],
    ['schema', text.replace('"version": 1', '"version": 2')],
    ['key-unreadable', text.replace(/MFkw[A-Za-z0-9+/]+/, 'AAAA')],
    ['too-large', ' '.repeat(70_000)],
  ])('refuses with reason %s', (reason, input) => {
    const error = errorOf(() => parseTrustFile(input));
    expect(error.code).toBe('TRUST_FILE_INVALID');
    expect(error.facts.reason).toBe(reason);
  });
});

describe('remembered passphrase', () => {
  const keychain = testKeychain;
  const file = join(dir, 'passphrase.bin');

  it('keeps only the keychain-encrypted form on disk and gives it back', () => {
    rememberPassphrase(keychain, file, PASSPHRASE);
    expect(readFileSync(file).toString('utf8')).not.toContain(PASSPHRASE);
    expect(recallPassphrase(keychain, file)).toBe(PASSPHRASE);
  });

  it('refuses to remember without a keychain rather than write it in plaintext', () => {
    const none: SecretStore = { ...keychain, isAvailable: () => false };
    const other = join(dir, 'nowhere.bin');
    expect(errorOf(() => rememberPassphrase(none, other, PASSPHRASE)).code).toBe(
      'SECRET_STORE_UNAVAILABLE',
    );
    expect(existsSync(other)).toBe(false);
    expect(recallPassphrase(none, file)).toBeUndefined();
  });

  it('answers undefined when the blob cannot be decrypted, and forgets on request', () => {
    const broken: SecretStore = {
      ...keychain,
      decrypt: () => {
        throw new Error('keychain reset');
      },
    };
    expect(recallPassphrase(broken, file)).toBeUndefined();
    forgetPassphrase(file);
    expect(existsSync(file)).toBe(false);
    expect(recallPassphrase(keychain, file)).toBeUndefined();
    forgetPassphrase(file);
  });
});
