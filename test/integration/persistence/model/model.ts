// The model the property runs against: what each device and product instance must be after every
// operation, kept by the test from the operations' answers alone — never read back from a
// database — so a lost or half-written change shows up as a difference.

import type { Udi } from '../../../../shared/codes/udi.ts';

export type Product = 'ucm' | 'expressway';

/** An authorization the desk issued that has not yet reached (or been installed on) its device. */
export interface IssuedCode {
  code: string;
  type: 'SLR' | 'PLR';
  /** An Update Reserved Licenses code, for a device that has one installed already. */
  update: boolean;
}

export interface DeviceModel {
  id: string;
  kind: 'emulated' | 'external';
  product: Product;
  udi: Udi;
  /** The `stage` column: the agent's mode (emulated) or the ledger's stage (external). */
  stage: string;
  /** The request code the device has pending (printed, or recorded from the real device). */
  request?: string;
  /** The desk's active instance for this device's UDI. */
  instance?: string;
  issued?: IssuedCode;
  /** External: the authorization recorded, not yet installed. */
  received?: IssuedCode;
  /** Emulated: an authorization never installed because the request was cancelled. */
  unused?: string;
  /** The newest confirmation code the device printed that the desk has not seen. */
  confirmation?: { code: string; forUpdate: boolean };
  /** A return code the desk has not seen. */
  returned?: string;
  /** Rehosted away (a failed box): left alone from then on. */
  retired?: boolean;
}

export interface InstanceModel {
  id: string;
  device: string;
  state: 'reserved' | 'in-transit' | 'removed' | 'rehosted';
  confirmed: boolean;
  va: string;
  type: 'SLR' | 'PLR';
  /** SLR: how many of the device's license it holds; and what an update in transit asks. */
  count: number;
  pendingCount?: number;
}

export interface Model {
  devices: DeviceModel[];
  /** In the order the desk created them. */
  instances: InstanceModel[];
  virtualAccounts: string[];
}

export function newModel(virtualAccounts: readonly string[]): Model {
  return { devices: [], instances: [], virtualAccounts: [...virtualAccounts] };
}

export function instanceOf(m: Model, id: string | undefined): InstanceModel | undefined {
  return m.instances.find((i) => i.id === id);
}

export function deviceOf(m: Model, id: string): DeviceModel {
  const device = m.devices.find((d) => d.id === id);
  if (!device) throw new Error(`the model has no device ${id}`);
  return device;
}

/** Picks one of `items` by a generated number (undefined when there are none). */
export function pickOne<T>(items: readonly T[], pick: number): T | undefined {
  return items.length === 0 ? undefined : items[pick % items.length];
}

/** Up to `n` of `items`, starting at the picked one. */
export function pickSome<T>(items: readonly T[], pick: number, n: number): T[] {
  if (items.length === 0) return [];
  const start = pick % items.length;
  return [...items.slice(start), ...items.slice(0, start)].slice(0, Math.min(n, items.length));
}

/** The desk confirms the device's newest confirmation code (directly, or from a file). */
export function applyConfirmation(m: Model, device: DeviceModel): void {
  const instance = instanceOf(m, device.instance);
  if (!device.confirmation || !instance) return;
  if (device.confirmation.forUpdate) {
    instance.state = 'reserved';
    instance.count = instance.pendingCount ?? instance.count;
    delete instance.pendingCount;
  }
  instance.confirmed = true;
  delete device.confirmation;
}

/** The desk takes the device's return code: the instance is removed, every hold released. */
export function applyReturn(m: Model, device: DeviceModel): void {
  const instance = instanceOf(m, device.instance);
  if (!device.returned || !instance) return;
  instance.state = 'removed';
  delete instance.pendingCount;
  delete device.instance;
  delete device.returned;
  // A confirmation still on its way answers an instance that is gone: the desk will refuse it.
  delete device.confirmation;
}
