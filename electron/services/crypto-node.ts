// The domain's ports (clock, randomness, hashing, signing, verifying) implemented with node:crypto.

import {
  createHash,
  createPublicKey,
  hash,
  randomFillSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { DomainError } from '../../shared/errors.ts';
import type { Clock, DomainPorts, Hasher, Random, Signer, Verifier } from '../../shared/ports.ts';

// OpenSSL's name for NIST P-256 (secp256r1), as KeyObject reports it.
const P256 = 'prime256v1';

export const systemClock: Clock = { now: () => Date.now() };

/** Bytes drawn from the OS at a time: one call per 4 KiB instead of one per 16-byte id. */
const RANDOM_POOL_BYTES = 4096;

/**
 * Cryptographically strong bytes, drawn from `randomFillSync` in 4 KiB blocks (a batch of 10,000
 * reservations asks for 10,000 instance ids). Every byte is handed out once, as a fresh copy, and
 * cleared from the pool as it goes; requests larger than the pool are filled directly.
 */
export function createRandom(): Random {
  const pool = new Uint8Array(RANDOM_POOL_BYTES);
  let offset = RANDOM_POOL_BYTES;
  return {
    bytes(length) {
      if (length > RANDOM_POOL_BYTES) return randomFillSync(new Uint8Array(length));
      if (offset + length > RANDOM_POOL_BYTES) {
        randomFillSync(pool);
        offset = 0;
      }
      const out = pool.slice(offset, offset + length);
      pool.fill(0, offset, offset + length);
      offset += length;
      return out;
    },
  };
}

/** One-shot SHA-256 (no Hash object per call: a request's return key takes ~130 of them). */
export const nodeHasher: Hasher = {
  sha256: (data) => new Uint8Array(hash('sha256', data, 'buffer')),
};

/** The real ports for the main process and the CLI. */
export function createNodePorts(): DomainPorts {
  return { clock: systemClock, random: createRandom(), hasher: nodeHasher };
}

/** True when the key is an elliptic-curve key on P-256 (public or private). */
export function isP256(key: KeyObject): boolean {
  return key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === P256;
}

/** SHA-256 of the DER SubjectPublicKeyInfo, upper-case hex in groups of 4: `3F2A 91C0 …`. */
export function fingerprintOf(key: KeyObject | string): string {
  const publicKey = typeof key !== 'string' && key.type === 'public' ? key : createPublicKey(key);
  const der = publicKey.export({ type: 'spki', format: 'der' });
  const hex = createHash('sha256').update(der).digest('hex').toUpperCase();
  return (hex.match(/.{4}/g) ?? []).join(' ');
}

function describeKey(key: KeyObject): string {
  const curve = key.asymmetricKeyDetails?.namedCurve;
  return [key.type, key.asymmetricKeyType, curve].filter(Boolean).join(' ');
}

/** Signs with the authority's private key; the key is parsed once, by the caller. */
export function createSigner(privateKey: KeyObject): Signer {
  if (privateKey.type !== 'private' || !isP256(privateKey)) {
    throw new DomainError('KEY_UNSUITABLE', {
      expected: 'private ECDSA P-256',
      found: describeKey(privateKey),
    });
  }
  return {
    sign: (data) => new Uint8Array(sign('sha256', data, { key: privateKey, dsaEncoding: 'der' })),
  };
}

/** Verifies with a trusted public key; a PEM string is parsed here, once, not on every call. */
export function createVerifier(publicKey: KeyObject | string): Verifier {
  let key: KeyObject;
  try {
    key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  } catch {
    throw new DomainError('KEY_UNSUITABLE', {
      expected: 'public ECDSA P-256',
      found: 'unreadable',
    });
  }
  if (!isP256(key)) {
    throw new DomainError('KEY_UNSUITABLE', {
      expected: 'public ECDSA P-256',
      found: describeKey(key),
    });
  }
  return {
    verify: (data, derSignature) => {
      try {
        return verify('sha256', data, { key, dsaEncoding: 'der' }, derSignature);
      } catch {
        // A signature that is not even DER is simply not a valid signature.
        return false;
      }
    },
  };
}
