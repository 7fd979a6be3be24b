// Test doubles for the domain's ports: a settable clock and a seeded random source; hashing and
// ECDSA P-256 keys are the real node:crypto ports the app uses.

import { generateKeyPairSync } from 'node:crypto';
import { createSigner, createVerifier, nodeHasher } from '../../electron/services/crypto-node.ts';
import type { SecretStore } from '../../electron/services/passphrase-memory.ts';
import type { Clock, Hasher, Random, Signer, Verifier } from '../../shared/ports.ts';

export class TestClock implements Clock {
  constructor(public ms = Date.UTC(2026, 0, 15, 9, 0, 0)) {}
  now(): number {
    return this.ms;
  }
  advanceDays(days: number): void {
    this.ms += days * 86_400_000;
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

/** xorshift-based: deterministic across runs, different per seed. */
export class SeededRandom implements Random {
  private state: number;
  constructor(seed = 1) {
    this.state = seed >>> 0 || 1;
  }
  bytes(length: number): Uint8Array {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) {
      let x = this.state;
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      this.state = x >>> 0;
      out[i] = this.state & 255;
    }
    return out;
  }
}

export const hasher: Hasher = nodeHasher;

export interface TestKeys {
  signer: Signer;
  verifier: Verifier;
}

export function makeKeys(): TestKeys {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { signer: createSigner(privateKey), verifier: createVerifier(publicKey) };
}

export const authorityKeys = makeKeys();
/** A second authority, for "signed by someone else" tests. */
export const otherKeys = makeKeys();

/** A stand-in for Electron's safeStorage: reversible, but not the plain text. */
export const testKeychain: SecretStore = {
  isAvailable: () => true,
  encrypt: (text) => Buffer.from(Buffer.from(text, 'utf8').map((b) => b ^ 0x5a)),
  decrypt: (buf) => Buffer.from(buf.map((b) => b ^ 0x5a)).toString('utf8'),
};
