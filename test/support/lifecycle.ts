// End-to-end lifecycles: an authority desk and emulated products on one clock, using only the
// public APIs of shared/ and handing each other nothing but code strings, which can be carried
// in a transfer file (written out as text and read back in) to prove the format carries them.

import { expect } from 'vitest';
import {
  type AgentEvent,
  type DeviceState,
  type Product,
  ProductAgent,
  createDeviceState,
} from '../../shared/agent/index.ts';
import {
  type AuthorityEvent,
  type AuthorityState,
  AuthorityLedger,
  type Selection,
  checkPoolInvariant,
  createAuthorityState,
} from '../../shared/authority/index.ts';
import { type Udi, udiKey } from '../../shared/codes/index.ts';
import {
  type TransferEntry,
  type TransferFile,
  readTransferFile,
  writeTransferFile,
} from '../../shared/transfer/transfer-file.ts';
import { SeededRandom, type TestClock, authorityKeys, hasher } from './ports.ts';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

/** Anything that keeps a JSON state and a log: a refusal must change neither. */
export interface Party {
  readonly state: object;
  /** What happened since the last drain; also kept in `log`. */
  drainEvents(): unknown[];
}

/** The license desk: a fresh smart account with no virtual accounts, reservation still off. */
export interface Desk extends Party {
  readonly state: AuthorityState;
  readonly ledger: AuthorityLedger;
  /** Every event drained so far, oldest first. */
  readonly log: AuthorityEvent[];
  drainEvents(): AuthorityEvent[];
}

export function newDesk(
  clock: TestClock,
  options: { seed?: number; state?: AuthorityState; log?: AuthorityEvent[] } = {},
): Desk {
  const state = options.state ?? createAuthorityState({ smartAccount: 'Lab' });
  const ledger = new AuthorityLedger(state, {
    clock,
    random: new SeededRandom(options.seed ?? 11),
    hasher,
    signer: authorityKeys.signer,
  });
  const log: AuthorityEvent[] = options.log ?? [];
  const drainEvents = () => {
    const events = ledger.drainEvents();
    log.push(...events);
    return events;
  };
  return { state, ledger, log, drainEvents };
}

/**
 * The desk after the app restarted: its state stored as JSON and loaded back into a new ledger
 * (fresh random source; the log goes on).
 */
export function reloadDesk(clock: TestClock, desk: Desk): Desk {
  desk.drainEvents();
  const state = JSON.parse(JSON.stringify(desk.state)) as AuthorityState;
  return newDesk(clock, { seed: 97, state, log: desk.log });
}

/** An emulated product at a site, factory-fresh, trusting the desk's public key. */
export interface SiteDevice extends Party {
  readonly state: DeviceState;
  readonly agent: ProductAgent;
  readonly udi: Udi;
  /** The UDI key the authority indexes it by (`P:…,S:…`). */
  readonly key: string;
  /** Every event drained so far, oldest first. */
  readonly log: AgentEvent[];
  drainEvents(): AgentEvent[];
}

export function newDevice(
  clock: TestClock,
  product: Product,
  udi: Udi,
  options: { seed?: number; state?: DeviceState } = {},
): SiteDevice {
  const state = options.state ?? createDeviceState({ udi, product, now: clock.now() });
  const agent = new ProductAgent(state, {
    clock,
    random: new SeededRandom(options.seed ?? 7),
    hasher,
    verifier: authorityKeys.verifier,
  });
  const log: AgentEvent[] = [];
  const drainEvents = () => {
    const events = agent.drainEvents();
    log.push(...events);
    return events;
  };
  return { state, agent, udi: state.udi, key: udiKey(state.udi), log, drainEvents };
}

/** The device after a restart of the site app: its state stored as JSON and loaded back. */
export function reloadDevice(clock: TestClock, device: SiteDevice): SiteDevice {
  const state = JSON.parse(JSON.stringify(device.state)) as DeviceState;
  return newDevice(clock, state.product, state.udi, { seed: 98, state });
}

export const SITE = { workspace: 'Branch site', side: 'site' } as const;
export const DESK = { workspace: 'Lab desk', side: 'authority' } as const;

/**
 * Writes the entries as one transfer file, as text, and reads that text back on the other side:
 * the file must verify (checksum, count) and hand back exactly what was written.
 */
export function carry(
  clock: TestClock,
  from: TransferFile['from'],
  entries: TransferEntry[],
): { text: string; entries: TransferEntry[] } {
  const written: TransferFile = { createdAt: new Date(clock.now()).toISOString(), from, entries };
  const text = writeTransferFile(written, hasher);
  const read = readTransferFile(text, hasher);
  expect(read.format).toBe('airlock');
  expect(read.file.from).toEqual(from);
  expect(read.file.entries).toEqual(entries);
  return { text, entries: read.file.entries };
}

/** One code across the gap in a transfer file; also an hour's walk to the other side. */
export function carryOne(
  clock: TestClock,
  from: TransferFile['from'],
  entry: TransferEntry,
): string {
  const { entries } = carry(clock, from, [entry]);
  clock.advance(HOUR);
  return entries[0]!.code;
}

/** A code saved alone as a plain `.txt` (as CSSM's "Download as File" gives): what kind it reads as. */
export function kindOfPlainFile(code: string): TransferEntry['kind'] {
  const read = readTransferFile(`${code}\n`, hasher);
  expect(read.format).toBe('plain');
  expect(read.file.entries).toHaveLength(1);
  return read.file.entries[0]!.kind;
}

export interface Reserved {
  /** The authority's product instance. */
  id: string;
  /** The code the device installed, as it was carried. */
  authorizationCode: string;
  /** SLR: what the device printed and the authority accepted. */
  confirmationCode?: string;
}

/**
 * The whole first trip for one device: enable, request, carry, reserve, carry, install, carry
 * the confirmation back and enter it (SLR). Each code crosses as a string in a transfer file.
 */
export function reserveAcrossTheGap(
  clock: TestClock,
  desk: Desk,
  device: SiteDevice,
  va: string,
  selection: Selection,
): Reserved {
  device.agent.enable();
  const { requestCode } = device.agent.request();
  const request = carryOne(clock, SITE, { kind: 'request', code: requestCode, udi: device.key });
  const reserved = desk.ledger.reserve(va, request, selection);
  const authorizationCode = carryOne(clock, DESK, {
    kind: 'authorization',
    code: reserved.authorizationCode,
    udi: device.key,
    subject: reserved.instance.id,
  });
  const installed = device.agent.install(authorizationCode);
  expect(installed.confirmationCode).toBe(reserved.confirmationCode);
  const result: Reserved = { id: reserved.instance.id, authorizationCode };
  if (installed.confirmationCode !== undefined) {
    const code = carryOne(clock, SITE, {
      kind: 'confirmation',
      code: installed.confirmationCode,
      udi: device.key,
    });
    expect(desk.ledger.confirm(result.id, code).confirmed).toBe(true);
    result.confirmationCode = code;
  }
  expectSound(desk);
  return result;
}

/** An update issued, installed and confirmed; returns the update's authorization code. */
export function updateAcrossTheGap(
  clock: TestClock,
  desk: Desk,
  device: SiteDevice,
  id: string,
  licenses: Record<string, number>,
): string {
  const update = desk.ledger.update(id, licenses);
  expectSound(desk);
  const code = carryOne(clock, DESK, { kind: 'authorization', code: update.authorizationCode });
  const installed = device.agent.install(code);
  expect(installed.update).toBe(true);
  const confirmation = carryOne(clock, SITE, {
    kind: 'confirmation',
    code: installed.confirmationCode!,
  });
  expect(desk.ledger.confirm(id, confirmation)).toMatchObject({ state: 'reserved', licenses });
  expectSound(desk);
  return code;
}

/** Per VA and after every step: reserved + in transit ≤ purchased, totals agree with a recount. */
export function expectSound(desk: Desk): void {
  expect(checkPoolInvariant(desk.state)).toEqual([]);
}

export interface Holding {
  purchased: number;
  reserved: number;
  inTransit: number;
  balance: number;
}

/** The Licenses tab of one VA as `tag → holding`. */
export function holdings(desk: Desk, va: string): Record<string, Holding> {
  return Object.fromEntries(
    desk.ledger.licenses(va).map((r) => [
      r.tag,
      {
        purchased: r.purchased,
        reserved: r.reserved,
        inTransit: r.inTransit,
        balance: r.balance,
      },
    ]),
  );
}

/** Every license in the VA back to its purchased count, nothing reserved, nothing in transit. */
export function expectAllReturned(desk: Desk, va: string): void {
  const rows = desk.ledger.licenses(va);
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) {
    expect({ tag: row.tag, reserved: row.reserved, inTransit: row.inTransit }).toEqual({
      tag: row.tag,
      reserved: 0,
      inTransit: 0,
    });
    expect(row.balance).toBe(row.purchased);
  }
}

/** Runs `act` and returns the DomainError it threw; fails if it threw nothing or something else. */
export function refusal(act: () => unknown): { code: string; facts: Record<string, unknown> } {
  try {
    act();
  } catch (error) {
    const e = error as { code?: unknown; facts?: Record<string, unknown> };
    if (typeof e.code === 'string') return { code: e.code, facts: e.facts ?? {} };
    throw error;
  }
  throw new Error('expected a refusal, but the operation succeeded');
}

/**
 * `act` is refused with `code`, and every party's state is exactly as it was (structuredClone
 * before, toEqual after) with nothing logged.
 */
export function expectRefused(
  code: string,
  act: () => unknown,
  ...parties: Party[]
): Record<string, unknown> {
  for (const party of parties) party.drainEvents();
  const before = parties.map((party) => structuredClone(party.state));
  const error = refusal(act);
  expect(error.code).toBe(code);
  parties.forEach((party, i) => {
    expect(party.state).toEqual(before[i]);
    expect(party.drainEvents()).toEqual([]);
  });
  return error.facts;
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `code` as an operator mistyped it: the base32 character at `index` replaced by another. */
export function mistypeAt(code: string, index: number): string {
  const typed = code[index]!.toUpperCase();
  const at = CROCKFORD.indexOf(typed);
  if (at < 0) throw new Error(`not a base32 character at ${index}: ${typed}`);
  return code.slice(0, index) + CROCKFORD[(at + 1) % CROCKFORD.length]! + code.slice(index + 1);
}

/** The request code with one character of its nonce mistyped. */
export function mistypeNonce(requestCode: string, offset = 3): string {
  const lastDash = requestCode.lastIndexOf('-');
  return mistypeAt(requestCode, requestCode.lastIndexOf('-', lastDash - 1) + 1 + offset);
}
