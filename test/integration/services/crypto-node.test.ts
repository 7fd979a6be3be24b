// node:crypto behind the domain's ports: real ECDSA P-256 signatures, real hashing and randomness.

import { createHash, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../shared/errors.ts';
import {
  createNodePorts,
  createRandom,
  createSigner,
  createVerifier,
  fingerprintOf,
  nodeHasher,
  systemClock,
} from '../../../electron/services/crypto-node.ts';

const encoder = new TextEncoder();
const p256 = () => generateKeyPairSync('ec', { namedCurve: 'P-256' });

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof DomainError ? error.code : `not a DomainError: ${String(error)}`;
  }
  return undefined;
}

describe('crypto ports on node:crypto', () => {
  it('signs with the private key and verifies with the public key, as PEM or KeyObject', () => {
    const { privateKey, publicKey } = p256();
    const data = encoder.encode('<authorizationCode>…</authorizationCode>');
    const signature = createSigner(privateKey).sign(data);
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(createVerifier(publicKey).verify(data, signature)).toBe(true);
    expect(createVerifier(pem).verify(data, signature)).toBe(true);
  });

  it('produces DER signatures (base64 "MEQC…"/"MEUC…", as the seeds show)', () => {
    const { privateKey } = p256();
    const signature = createSigner(privateKey).sign(encoder.encode('x'));
    expect(signature[0]).toBe(0x30);
    expect(Buffer.from(signature).toString('base64')).toMatch(/^ME[IMQUY]C/);
  });

  it('rejects a changed message, a changed signature, another key and garbage', () => {
    const { privateKey, publicKey } = p256();
    const other = p256();
    const data = encoder.encode('count=4');
    const signature = createSigner(privateKey).sign(data);
    const verifier = createVerifier(publicKey);
    const flipped = Uint8Array.from(signature);
    flipped[flipped.length - 1]! ^= 1;
    expect(verifier.verify(encoder.encode('count=5'), signature)).toBe(false);
    expect(verifier.verify(data, flipped)).toBe(false);
    expect(createVerifier(other.publicKey).verify(data, signature)).toBe(false);
    expect(verifier.verify(data, new Uint8Array([1, 2, 3]))).toBe(false);
    expect(verifier.verify(data, new Uint8Array())).toBe(false);
  });

  it('refuses keys that are not P-256 with KEY_UNSUITABLE', () => {
    const ed = generateKeyPairSync('ed25519');
    const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' });
    expect(codeOf(() => createSigner(ed.privateKey))).toBe('KEY_UNSUITABLE');
    expect(codeOf(() => createSigner(p384.privateKey))).toBe('KEY_UNSUITABLE');
    expect(codeOf(() => createSigner(p256().publicKey))).toBe('KEY_UNSUITABLE');
    expect(codeOf(() => createVerifier(p384.publicKey))).toBe('KEY_UNSUITABLE');
    expect(codeOf(() => createVerifier('-----BEGIN PUBLIC KEY-----\nnope'))).toBe('KEY_UNSUITABLE');
  });

  it('hashes with SHA-256', () => {
    const data = encoder.encode('abc');
    expect(Buffer.from(nodeHasher.sha256(data)).toString('hex')).toBe(
      createHash('sha256').update('abc').digest('hex'),
    );
  });

  it('gives fresh random bytes of the asked length', () => {
    const random = createRandom();
    const a = random.bytes(32);
    const b = random.bytes(32);
    expect(a).toBeInstanceOf(Uint8Array);
    expect(a).toHaveLength(32);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
    expect(random.bytes(0)).toHaveLength(0);
  });

  it('never hands out the same bytes twice, across pool refills and past the pool size', () => {
    const random = createRandom();
    const seen = new Set<string>();
    // 16-byte ids for well past one 4 KiB block, with odd sizes in between to cross its edge.
    for (let i = 0; i < 1000; i++) {
      const id = random.bytes(i % 7 === 0 ? 13 : 16);
      const hex = Buffer.from(id).toString('hex');
      expect(seen.has(hex)).toBe(false);
      seen.add(hex);
    }
    const large = random.bytes(10_000);
    expect(large).toHaveLength(10_000);
    expect(large.some((b) => b !== 0)).toBe(true);
    // What was handed out is the caller's copy: changing it does not change the next bytes.
    const a = random.bytes(16);
    a.fill(0);
    expect(random.bytes(16).some((b) => b !== 0)).toBe(true);
  });

  it('tells the time and bundles the ports for the main process', () => {
    const before = Date.now();
    expect(systemClock.now()).toBeGreaterThanOrEqual(before);
    const ports = createNodePorts();
    expect(ports.hasher).toBe(nodeHasher);
    expect(ports.random.bytes(4)).toHaveLength(4);
  });

  it('fingerprints the public key as 16 upper-case groups of 4, the same from either half', () => {
    const { privateKey, publicKey } = p256();
    const der = publicKey.export({ type: 'spki', format: 'der' });
    const expected = createHash('sha256').update(der).digest('hex').toUpperCase();
    const fingerprint = fingerprintOf(publicKey);
    expect(fingerprint).toMatch(/^[0-9A-F]{4}( [0-9A-F]{4}){15}$/);
    expect(fingerprint.replaceAll(' ', '')).toBe(expected);
    expect(fingerprintOf(privateKey)).toBe(fingerprint);
    expect(fingerprintOf(publicKey.export({ type: 'spki', format: 'pem' }).toString())).toBe(
      fingerprint,
    );
  });
});
