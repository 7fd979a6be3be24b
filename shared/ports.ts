// The only ways the domain reaches outside itself: time, randomness and cryptography, injected.

/** Wall-clock time in milliseconds since the epoch. */
export interface Clock {
  now(): number;
}

/** Cryptographically strong random bytes (tests pass a seeded source). */
export interface Random {
  bytes(length: number): Uint8Array;
}

/** SHA-256, synchronous. */
export interface Hasher {
  sha256(data: Uint8Array): Uint8Array;
}

/** The authority's private key: ECDSA P-256 over SHA-256, signature DER-encoded. */
export interface Signer {
  sign(data: Uint8Array): Uint8Array;
}

/** A trusted authority public key: verifies a DER-encoded ECDSA P-256/SHA-256 signature. */
export interface Verifier {
  verify(data: Uint8Array, derSignature: Uint8Array): boolean;
}

export interface DomainPorts {
  clock: Clock;
  random: Random;
  hasher: Hasher;
}
