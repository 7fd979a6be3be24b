// AuthorityLedger: the license desk's operations on an AuthorityState, in place.
//
// Every operation validates everything before it changes anything, so a refusal (a thrown
// DomainError) leaves the state exactly as it was. Each touches only the instance and the
// licenses involved: the pool's running totals make balances O(1), whatever the instance count.

import { type Catalog, entriesForVersion } from '../catalog/catalog.ts';
import { SME_MINIMUM } from '../catalog/index.ts';
import { ensure } from '../errors.ts';
import type { Signer } from '../ports.ts';
import { type Alert, authorityAlerts } from './alerts.ts';
import type { LedgerContext, LedgerPorts } from './context.ts';
import { type AuthorityEvent, EventBuffer } from './events.ts';
import { type InstanceView, findInstance, viewOf } from './instances.ts';
import { type LicenseRow, licenseRows } from './license-rows.ts';
import { moveLicenses, rehost, transfer } from './move.ts';
import {
  type LicensePurchase,
  balanceOf,
  ensureSameLicense,
  isSafeKey,
  own,
  poolEntryOf,
  virtualAccount,
} from './pool.ts';
import { remove } from './remove.ts';
import { type RequestPreview, type ReservationResult, previewRequest, reserve } from './reserve.ts';
import type { Selection } from './selection.ts';
import {
  AUTHORITY_SCHEMA_VERSION,
  type AuthorityState,
  type InstanceState,
  type PoolEntry,
} from './state.ts';
import { confirm, update } from './update.ts';

export interface LedgerOptions extends LedgerPorts {
  /** The SME minimum set by tag; defaults to the UCM catalog's. */
  smeMinimum?: Readonly<Record<string, number>>;
}

export interface PoolSummary {
  va: string;
  licenses: number;
  purchased: number;
  reserved: number;
  inTransit: number;
  balance: number;
}

export class AuthorityLedger {
  private readonly ctx: LedgerContext;
  private readonly events = new EventBuffer();

  constructor(
    readonly state: AuthorityState,
    options: LedgerOptions,
  ) {
    ensure(state?.schemaVersion === AUTHORITY_SCHEMA_VERSION, 'AUTHORITY_STATE_UNSUPPORTED', {
      schemaVersion: String(state?.schemaVersion),
    });
    const events = this.events;
    const clock = options.clock;
    this.ctx = {
      state,
      clock,
      random: options.random,
      hasher: options.hasher,
      smeMinimum: options.smeMinimum ?? SME_MINIMUM,
      emit: (event) => events.push({ time: clock.now(), ...event }),
    };
    if (options.signer) this.ctx.signer = options.signer;
    if (options.requestUsed) this.ctx.requestUsed = options.requestUsed;
  }

  /** Unlocking or locking the authority's key; issuing needs it. */
  setSigner(signer: Signer | undefined): void {
    if (signer) this.ctx.signer = signer;
    else delete this.ctx.signer;
  }

  get smeMinimum(): Readonly<Record<string, number>> {
    return this.ctx.smeMinimum;
  }

  setReservationEnabled(on: boolean): void {
    const account = this.state.smartAccount;
    if (account.reservationEnabled === on) return;
    account.reservationEnabled = on;
    this.ctx.emit({
      type: on ? 'reservation-enabled' : 'reservation-disabled',
      details: { smartAccount: account.name },
    });
  }

  addVirtualAccount(name: string): void {
    const clean = typeof name === 'string' ? name.trim() : '';
    ensure(
      clean !== '' && clean.length <= 120 && isSafeKey(clean),
      'VIRTUAL_ACCOUNT_NAME_INVALID',
      { va: clean },
    );
    ensure(!own(this.state.virtualAccounts, clean), 'VIRTUAL_ACCOUNT_EXISTS', { va: clean });
    this.state.virtualAccounts[clean] = { name: clean, pool: {} };
    this.ctx.emit({ type: 'virtual-account-added', va: clean, details: {} });
  }

  virtualAccounts(): string[] {
    return Object.keys(this.state.virtualAccounts);
  }

  /** Buys `count` more of a license; the same tag again must be the same license. */
  addLicense(va: string, purchase: LicensePurchase): LicenseRow {
    const pool = virtualAccount(this.state, va).pool;
    const entry = poolEntryOf(purchase);
    const existing = own(pool, entry.tag);
    if (existing) ensureSameLicense(existing, entry);
    const stored = this.buy(pool, entry);
    this.ctx.emit({
      type: 'license-added',
      va,
      details: { tag: entry.tag, count: entry.purchased, purchased: stored.purchased },
    });
    return this.licenses(va).find((row) => row.tag === entry.tag)!;
  }

  /**
   * Buys `count` of every license in a catalog — or, given a `version`, of that release's user
   * licenses and those that fit any release; TERM entries take `term` dates. All or nothing.
   */
  loadCatalog(
    va: string,
    catalog: Catalog,
    count: number,
    term?: { startDate: string; endDate: string },
    version?: string,
  ): LicenseRow[] {
    const pool = virtualAccount(this.state, va).pool;
    const entries = entriesForVersion(catalog, version).map((e) => {
      const entry = poolEntryOf({ ...e, count, ...(e.type === 'TERM' ? term : {}) });
      const existing = own(pool, entry.tag);
      if (existing) ensureSameLicense(existing, entry);
      return entry;
    });
    for (const entry of entries) this.buy(pool, entry);
    this.ctx.emit({
      type: 'catalog-loaded',
      va,
      details: {
        catalog: catalog.id,
        count,
        licenses: entries.length,
        ...(version ? { version } : {}),
      },
    });
    return this.licenses(va);
  }

  private buy(pool: Record<string, PoolEntry>, entry: PoolEntry): PoolEntry {
    const existing = own(pool, entry.tag);
    if (!existing) return (pool[entry.tag] = entry);
    existing.purchased += entry.purchased;
    // Bought before catalogs named releases: learn it now (it is not part of the identity).
    if (existing.version === undefined && entry.version !== undefined)
      existing.version = entry.version;
    return existing;
  }

  licenses(va: string): LicenseRow[] {
    return licenseRows(virtualAccount(this.state, va), this.ctx.clock.now());
  }

  poolSummary(): PoolSummary[] {
    return Object.values(this.state.virtualAccounts).map((account) => {
      const sum: PoolSummary = {
        va: account.name,
        licenses: 0,
        purchased: 0,
        reserved: 0,
        inTransit: 0,
        balance: 0,
      };
      for (const entry of Object.values(account.pool)) {
        sum.licenses += 1;
        sum.purchased += entry.purchased;
        sum.reserved += entry.reserved;
        sum.inTransit += entry.inTransit;
        sum.balance += balanceOf(entry);
      }
      return sum;
    });
  }

  previewRequest(requestCode: string): RequestPreview {
    return previewRequest(this.ctx, requestCode);
  }

  reserve(va: string, requestCode: string, selection: Selection): ReservationResult {
    return reserve(this.ctx, va, requestCode, selection);
  }

  update(instanceId: string, licenses: Record<string, number>): ReservationResult {
    return update(this.ctx, instanceId, licenses);
  }

  confirm(instanceId: string, confirmationCode: string): InstanceView {
    return confirm(this.ctx, instanceId, confirmationCode);
  }

  remove(instanceId: string, returnCode: string): InstanceView {
    return remove(this.ctx, instanceId, returnCode);
  }

  /** Moves purchased licences between virtual accounts; returns both pools' rows after. */
  moveLicenses(
    fromVa: string,
    toVa: string,
    licenses: Record<string, number>,
  ): { from: LicenseRow[]; to: LicenseRow[] } {
    moveLicenses(this.ctx, fromVa, toVa, licenses);
    return { from: this.licenses(fromVa), to: this.licenses(toVa) };
  }

  transfer(instanceId: string, toVa: string): InstanceView {
    return transfer(this.ctx, instanceId, toVa);
  }

  rehost(instanceId: string, requestCode: string, reason: string): ReservationResult {
    return rehost(this.ctx, instanceId, requestCode, reason);
  }

  instances(filter: { va?: string; state?: InstanceState } = {}): InstanceView[] {
    if (filter.va !== undefined) virtualAccount(this.state, filter.va);
    const out: InstanceView[] = [];
    for (const instance of Object.values(this.state.instances)) {
      if (filter.va !== undefined && instance.va !== filter.va) continue;
      if (filter.state !== undefined && instance.state !== filter.state) continue;
      out.push(viewOf(instance));
    }
    return out;
  }

  instance(idOrPrefix: string): InstanceView {
    return viewOf(findInstance(this.state, idOrPrefix));
  }

  /** The instance holding an active reservation for a UDI key, if any (O(1)). */
  activeInstanceFor(udiKey: string): InstanceView | undefined {
    const id = own(this.state.activeByUdi, udiKey);
    return id === undefined ? undefined : viewOf(this.state.instances[id]!);
  }

  instanceCounts(): Record<InstanceState, number> {
    const counts: Record<InstanceState, number> = {
      reserved: 0,
      'in-transit': 0,
      removed: 0,
      rehosted: 0,
    };
    for (const instance of Object.values(this.state.instances)) counts[instance.state] += 1;
    return counts;
  }

  alerts(now: number = this.ctx.clock.now()): Alert[] {
    return authorityAlerts(this.state, now);
  }

  drainEvents(): AuthorityEvent[] {
    return this.events.drain();
  }
}
