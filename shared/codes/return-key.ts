// The device's return key: what makes a return code the device's own, from SHA-256 alone.
//
// Nothing that crosses the gap can hold a secret, so the device keeps one (a random seed per
// request) and the request commits to it: the request's nonce *is* the commitment. A return code
// reveals one point on each of two hash chains grown from the seed; the desk walks both to their
// heads and checks that they hash to the nonce it received with the request.
//
// The two chains form a one-time signature on a small number, the chain position g (Winternitz,
// with w = L and the second chain as its checksum): chain A is revealed at step g, chain B at step
// L − g. From A's point anyone can walk up to every position ≥ g, from B's to every position ≤ g,
// so one code proves exactly its own position and nothing else; several codes prove every position
// between the lowest and the highest. The positions are laid out so that the second fact is
// harmless (see `positionOf`):
//
//   1 … S        withdraw: "I never installed update r and never will; I still hold an older one"
//   S + 1        finished: this request can no longer be installed on me (cancelled, or returned)
//   S + 1 + i    finished by returning the installed authorization of sequence i
//
// A withdrawal releases only the desk's *pending* update, and pending updates only grow, so any
// withdrawal position between two revealed ones names an update no longer pending. Every position
// above S is revealed only once the device holds nothing of the request any more, so whatever
// can be derived from it releases nothing the device still runs. No withdrawal reveals anything
// above S: the return of an installed authorization cannot be derived from one.
//
// Strength: chain values are 96 bits and every step hashes a label, the chain, the UDI and the
// position, so forging a point means inverting one step (2^96 SHA-256 evaluations, one target per
// evaluation: no gain from attacking many devices or positions at once); replacing the heads means
// a second preimage of the 100-bit commitment (2^100). L = 2S + 1 steps per chain: a request
// hashes 2L times, a return and its check L times each.
//
// What it does not cover. The seed is the device's: whoever has a copy of the device's state (for
// an emulated device, the site workspace; for a VM, a snapshot) can make its return codes. The
// desk still refuses a return naming a sequence older than the live one (a snapshot from before an
// update), but a copy taken now can return what the original still runs. Flags and time in a
// return code are said, not proven, and so is the sequence a `finished` code names — harmless,
// since a finished request can install nothing again.

import type { Hasher, Random } from '../ports.ts';
import { concatBytes, fromHex, toHex, utf8 } from './bytes.ts';
import { encodeBase32 } from './base32.ts';
import { type Udi, udiKey } from './udi.ts';

/** Updates a device-bound reservation can have: sequences 1 … S. */
export const RETURN_SEQUENCE_LIMIT = 32;
/** The highest chain position, L. */
export const RETURN_CHAIN_LENGTH = 2 * RETURN_SEQUENCE_LIMIT + 1;
/** Bytes in each revealed chain point. */
export const CHAIN_POINT_BYTES = 12;
/** Characters of the nonce that commits to a return key (100 bits). */
export const COMMITTED_NONCE_LENGTH = 20;
const SEED_BYTES = 32;
const FINISHED = RETURN_SEQUENCE_LIMIT + 1;

/** What a return code says, as the chain position binds it. */
export type ReturnStatement =
  | { kind: 'withdraw'; sequence: number }
  | { kind: 'finished' }
  | { kind: 'installed'; sequence: number };

/** A revealed pair of chain points at one position. */
export interface ReturnOpening {
  position: number;
  a: Uint8Array;
  b: Uint8Array;
}

function inRange(sequence: number): boolean {
  return Number.isSafeInteger(sequence) && sequence >= 1 && sequence <= RETURN_SEQUENCE_LIMIT;
}

/** Throws RangeError for a withdrawal of a sequence past the limit (callers check first). */
export function positionOf(statement: ReturnStatement): number {
  if (statement.kind === 'finished') return FINISHED;
  if (!inRange(statement.sequence)) throw new RangeError('sequence outside the return key');
  return statement.kind === 'withdraw' ? statement.sequence : FINISHED + statement.sequence;
}

export function statementAt(position: number): ReturnStatement | undefined {
  if (!Number.isSafeInteger(position) || position < 1 || position > RETURN_CHAIN_LENGTH)
    return undefined;
  if (position < FINISHED) return { kind: 'withdraw', sequence: position };
  if (position === FINISHED) return { kind: 'finished' };
  return { kind: 'installed', sequence: position - FINISHED };
}

/** Whether a request nonce commits to a return key (older requests carried 10 random characters). */
export function isCommittedNonce(nonce: string): boolean {
  return nonce.length === COMMITTED_NONCE_LENGTH;
}

export function newReturnSeed(random: Random): string {
  return toHex(random.bytes(SEED_BYTES));
}

/** One chain's step function, labelled with its chain, the UDI and the position it leaves. */
function chainStep(hasher: Hasher, chain: 'a' | 'b', udi: Udi) {
  const prefix = utf8(`airlock-return-${chain}\n${udiKey(udi)}\n`);
  const input = new Uint8Array(prefix.length + 1 + CHAIN_POINT_BYTES);
  input.set(prefix);
  return (index: number, point: Uint8Array): Uint8Array => {
    input[prefix.length] = index;
    input.set(point, prefix.length + 1);
    return hasher.sha256(input).slice(0, CHAIN_POINT_BYTES);
  };
}

function walk(
  step: (index: number, point: Uint8Array) => Uint8Array,
  from: number,
  to: number,
  point: Uint8Array,
): Uint8Array {
  let p = point;
  for (let i = from; i < to; i++) p = step(i, p);
  return p;
}

/**
 * What anyone can compute from a revealed point: the chain's points further on, from step `from` to
 * step `to` (chain A's step is the position; chain B's is L − position). The desk does exactly this.
 */
export function walkChain(
  chain: 'a' | 'b',
  udi: Udi,
  from: number,
  to: number,
  point: Uint8Array,
  hasher: Hasher,
): Uint8Array {
  return walk(chainStep(hasher, chain, udi), from, to, point);
}

function chainStart(hasher: Hasher, chain: 'a' | 'b', seed: string): Uint8Array {
  const label = utf8(`airlock-return-seed-${chain}\n`);
  return hasher.sha256(concatBytes(label, fromHex(seed))).slice(0, CHAIN_POINT_BYTES);
}

function commitment(hasher: Hasher, udi: Udi, headA: Uint8Array, headB: Uint8Array): string {
  const label = utf8(`airlock-return-commit\n${udiKey(udi)}\n`);
  const digest = hasher.sha256(concatBytes(label, headA, headB));
  return encodeBase32(digest.slice(0, 13)).slice(0, COMMITTED_NONCE_LENGTH);
}

/** The request nonce that commits to the key grown from `seed` (2L hashes). */
export function committedNonce(seed: string, udi: Udi, hasher: Hasher): string {
  const L = RETURN_CHAIN_LENGTH;
  const headA = walk(chainStep(hasher, 'a', udi), 0, L, chainStart(hasher, 'a', seed));
  const headB = walk(chainStep(hasher, 'b', udi), 0, L, chainStart(hasher, 'b', seed));
  return commitment(hasher, udi, headA, headB);
}

/** The device's side: the two points that prove `statement` (L hashes). */
export function openReturnKey(
  seed: string,
  udi: Udi,
  statement: ReturnStatement,
  hasher: Hasher,
): ReturnOpening {
  const position = positionOf(statement);
  return {
    position,
    a: walk(chainStep(hasher, 'a', udi), 0, position, chainStart(hasher, 'a', seed)),
    b: walk(
      chainStep(hasher, 'b', udi),
      0,
      RETURN_CHAIN_LENGTH - position,
      chainStart(hasher, 'b', seed),
    ),
  };
}

/** The desk's side: whether the points lead to heads that hash to the request's nonce (L hashes). */
export function verifyReturnOpening(
  nonce: string,
  udi: Udi,
  opening: ReturnOpening,
  hasher: Hasher,
): boolean {
  const L = RETURN_CHAIN_LENGTH;
  const { position, a, b } = opening;
  if (!isCommittedNonce(nonce) || statementAt(position) === undefined) return false;
  if (a.length !== CHAIN_POINT_BYTES || b.length !== CHAIN_POINT_BYTES) return false;
  const headA = walk(chainStep(hasher, 'a', udi), position, L, a);
  const headB = walk(chainStep(hasher, 'b', udi), L - position, L, b);
  return commitment(hasher, udi, headA, headB) === nonce;
}
