// Small factories for authority-side tests: a ledger on a test clock with the shipped catalogs
// loaded, request codes for numbered devices, and return codes for what the ledger issued.

import { expect } from 'vitest';
import { AuthorityLedger } from '../../shared/authority/ledger.ts';
import { type AuthorityState, createAuthorityState } from '../../shared/authority/state.ts';
import { EXPRESSWAY_CATALOG, UCM_CATALOG } from '../../shared/catalog/index.ts';
import { authorizationDigest, decodeAuthorizationCode } from '../../shared/codes/authorization.ts';
import { encodeRequestCode, newRequestNonce } from '../../shared/codes/request-code.ts';
import { encodeReturnCode } from '../../shared/codes/return-code.ts';
import type { Udi } from '../../shared/codes/udi.ts';
import type { Random, Signer } from '../../shared/ports.ts';
import { SeededRandom, TestClock, authorityKeys, hasher } from './ports.ts';

function tagOf(catalog: typeof UCM_CATALOG, name: string): string {
  const entry = catalog.entries.find((e) => e.tag.includes(`.${name},`));
  if (!entry) throw new Error(`no ${name} in ${catalog.id}`);
  return entry.tag;
}

export const UCM = {
  cuwl: tagOf(UCM_CATALOG, 'UCM_CUWL'),
  enhancedPlus: tagOf(UCM_CATALOG, 'UCM_EnhancedPlus'),
  enhanced: tagOf(UCM_CATALOG, 'UCM_Enhanced'),
  basic: tagOf(UCM_CATALOG, 'UCM_Basic'),
  essential: tagOf(UCM_CATALOG, 'UCM_Essential'),
  room: tagOf(UCM_CATALOG, 'UCM_TelePresenceRoom'),
};

export const EXPY = {
  plrWith: tagOf(EXPRESSWAY_CATALOG, 'EXPWY_PLR_ExportControl'),
  plrWithout: tagOf(EXPRESSWAY_CATALOG, 'EXPWY_PLR_NoExportControl'),
  accountSecurity: tagOf(EXPRESSWAY_CATALOG, 'EXPWY_AdvancedAccountSecurity'),
  rms: tagOf(EXPRESSWAY_CATALOG, 'EXPWY_RMS'),
};

export const TERM_TAG =
  'regid.2020-01.com.example.LAB_Term,1.0_0c1d2e3f-0000-4000-8000-000000000001';

export interface TestAuthority {
  state: AuthorityState;
  ledger: AuthorityLedger;
  clock: TestClock;
  /** For the devices' request nonces, separate from the ledger's own random source. */
  deviceRandom: Random;
}

export interface AuthorityOptions {
  signer?: Signer | null;
  enabled?: boolean;
  /** Each shipped catalog is bought this many times into VA `Default` (0: an empty pool). */
  count?: number;
  seed?: number;
}

/** Smart account `Lab` with VAs `Default` and `Other`; catalogs loaded into `Default`. */
export function makeAuthority(options: AuthorityOptions = {}): TestAuthority {
  const clock = new TestClock();
  const state = createAuthorityState({
    smartAccount: 'Lab',
    virtualAccounts: ['Default', 'Other'],
  });
  const signer = options.signer === null ? undefined : (options.signer ?? authorityKeys.signer);
  const ledger = new AuthorityLedger(state, {
    clock,
    random: new SeededRandom(options.seed ?? 11),
    hasher,
    ...(signer ? { signer } : {}),
  });
  const count = options.count ?? 10;
  if (count > 0) {
    ledger.loadCatalog('Default', UCM_CATALOG, count);
    ledger.loadCatalog('Default', EXPRESSWAY_CATALOG, count);
  }
  if (options.enabled !== false) ledger.setReservationEnabled(true);
  ledger.drainEvents();
  return { state, ledger, clock, deviceRandom: new SeededRandom((options.seed ?? 11) + 1000) };
}

/** A distinct UDI per number: Expressway (serial and host id from `n`) or UCM (UUID from `n`). */
export function udiOf(n: number, product: 'expressway' | 'ucm' = 'expressway'): Udi {
  const hex = n.toString(16).padStart(8, '0');
  return product === 'expressway'
    ? { pid: 'Expressway', sn: hex.toUpperCase(), vid: '1.0', hostId: `32${hex.slice(2)}` }
    : { pid: 'UCM', sn: hex.slice(-5), uuid: `${hex}${'0'.repeat(24)}` };
}

/** The add-device request for emulated UCM number `n` (udiOf), as the form sends it. */
export function ucmDevice(workspaceId: string, n: number) {
  const udi = udiOf(n, 'ucm');
  return {
    workspaceId,
    external: false,
    product: 'ucm',
    pid: udi.pid,
    sn: udi.sn,
    uuid: udi.uuid!,
  } as const;
}

/** UCM number `n`'s row in a device list (CSV: product,pid,sn,uuid). */
export function ucmRow(n: number): string {
  const udi = udiOf(n, 'ucm');
  return `ucm,${udi.pid},${udi.sn},${udi.uuid}`;
}

export function requestCodeFor(udi: Udi, random: Random): string {
  return encodeRequestCode(udi, newRequestNonce(random));
}

/** What the product prints when it returns `authorizationCode` (installed or never installed). */
export function returnCodeFor(
  authorizationCode: string,
  udi: Udi,
  options: { neverInstalled?: boolean; timestamp?: number } = {},
): string {
  const auth = decodeAuthorizationCode(authorizationCode);
  return encodeReturnCode(
    {
      udi,
      authorizationDigest: authorizationDigest(auth, hasher),
      reservationType: auth.type,
      neverInstalled: options.neverInstalled ?? false,
      timestamp: options.timestamp ?? Date.UTC(2026, 0, 16),
    },
    hasher,
  );
}

/** Runs `act` and returns the DomainError it threw (fails the test if it did not throw). */
export function refusal(act: () => unknown): { code: string; facts: Record<string, unknown> } {
  try {
    act();
  } catch (error) {
    const e = error as { code?: string; facts?: Record<string, unknown> };
    if (typeof e.code === 'string') return { code: e.code, facts: e.facts ?? {} };
    throw error;
  }
  throw new Error('expected a refusal, but the operation succeeded');
}

/** Asserts that `act` is refused with `code`, leaves the state exactly as it was and logs nothing. */
export function refusedUnchanged(
  authority: Pick<TestAuthority, 'state' | 'ledger'>,
  act: () => unknown,
  code: string,
): Record<string, unknown> {
  authority.ledger.drainEvents();
  const before = structuredClone(authority.state);
  const error = refusal(act);
  expect(error.code).toBe(code);
  expect(authority.state).toEqual(before);
  expect(authority.ledger.drainEvents()).toEqual([]);
  return error.facts;
}

/** Reserves for device `n` in VA `Default`; returns the result with the UDI. */
export function reserveFor(
  authority: TestAuthority,
  n: number,
  selection: Parameters<AuthorityLedger['reserve']>[2],
  product: 'expressway' | 'ucm' = 'expressway',
) {
  const udi = udiOf(n, product);
  const requestCode = requestCodeFor(udi, authority.deviceRandom);
  return { udi, requestCode, ...authority.ledger.reserve('Default', requestCode, selection) };
}

/** The row of one license in a VA. */
export function rowOf(authority: TestAuthority, tag: string, va = 'Default') {
  const row = authority.ledger.licenses(va).find((r) => r.tag === tag);
  if (!row) throw new Error(`no ${tag} in ${va}`);
  return row;
}
