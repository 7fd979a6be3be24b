// Test doubles for the domain's ports: a settable clock, a seeded random source, real SHA-256 and
// real ECDSA P-256 keys (generated once per test process).

import { createHash, generateKeyPairSync, sign, verify } from 'node:crypto';
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

export const hasher: Hasher = {
  sha256: (data) => new Uint8Array(createHash('sha256').update(data).digest()),
};

export interface TestKeys {
  signer: Signer;
  verifier: Verifier;
}

export function makeKeys(): TestKeys {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    signer: { sign: (data) => new Uint8Array(sign('sha256', data, privateKey)) },
    verifier: { verify: (data, sig) => verify('sha256', data, publicKey, sig) },
  };
}

export const authorityKeys = makeKeys();
/** A second authority, for "signed by someone else" tests. */
export const otherKeys = makeKeys();
