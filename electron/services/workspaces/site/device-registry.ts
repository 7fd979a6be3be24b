// Adding devices to a site: one from the form, or many from a CSV list checked row by row.

import {
  createDeviceState,
  createExternalDeviceState,
  validateSoftwareVersion,
} from '../../../../shared/agent/index.ts';
import { type Udi, udiKey, validateUdi } from '../../../../shared/codes/udi.ts';
import { DomainError, ensure, isDomainError } from '../../../../shared/errors.ts';
import type {
  DeviceDetailDto,
  DeviceListResultDto,
  DeviceListRowDto,
  Product,
} from '../../../../shared/ipc/dto.ts';
import { type DeviceFields, readDeviceList } from '../../device-list.ts';
import { errorDto } from '../../error-message.ts';
import type { AuditRecord } from '../workspace-base.ts';
import { type SiteDevice, udiOf } from './device-rows.ts';
import type { SiteWorkspace } from './site-workspace.ts';

export interface NewDevice {
  external: boolean;
  product: Product;
  name?: string;
  udi: Udi;
  /** The release an emulated device runs (12.5, 14SU3, X14.2…); the product's default if absent. */
  softwareVersion?: string;
}

/** A device as the add-device form or a row of a device list gives it (empty fields left out). */
export function deviceInput(fields: DeviceFields): NewDevice {
  const { external, product, name, pid, sn, vid, hostId, uuid, softwareVersion } = fields;
  return {
    external,
    product,
    ...(name ? { name } : {}),
    ...(softwareVersion ? { softwareVersion } : {}),
    udi: {
      pid,
      sn,
      ...(vid ? { vid } : {}),
      ...(hostId ? { hostId } : {}),
      ...(uuid ? { uuid } : {}),
    },
  };
}

function deviceAdded(device: SiteDevice): AuditRecord {
  return {
    action: 'device-added',
    subject: device.id,
    details: { udi: udiKey(udiOf(device)), kind: device.kind, product: device.product },
  };
}

/**
 * A new device, checked (its UDI unknown at this site; a product Airlock can emulate) but not
 * stored. Only emulated UCM and Expressway exist: an IOS-XE box is always an external device.
 */
function newDevice(ws: SiteWorkspace, input: NewDevice, serial: number, now: number): SiteDevice {
  const udi = validateUdi(input.udi);
  const key = udiKey(udi);
  const existing = ws.devices.byUdi(key);
  if (existing) throw new DomainError('DEVICE_UDI_EXISTS', { device: existing.id, udi: key });
  const common = {
    id: `dev-${serial}`,
    name: input.name?.trim() || `${udi.pid} ${udi.sn}`,
    createdAt: now,
  };
  if (input.external)
    return {
      ...common,
      product: input.product,
      kind: 'external',
      ledger: createExternalDeviceState({
        udi,
        platform: input.product === 'ucm' ? 'cucm' : input.product,
        now,
      }),
    };
  const product = input.product;
  ensure(product !== 'ios-xe', 'DEVICE_PRODUCT_NOT_EMULATED', { product });
  return {
    ...common,
    product,
    kind: 'emulated',
    agent: createDeviceState({
      udi,
      product,
      now,
      ...(input.softwareVersion
        ? { softwareVersion: validateSoftwareVersion(product, input.softwareVersion) }
        : {}),
    }),
  };
}

function place(ws: SiteWorkspace, device: SiteDevice, serial: number): void {
  ws.devices.insert(device, serial, ws.rowSummary(device));
}

export function addDevice(ws: SiteWorkspace, input: NewDevice): DeviceDetailDto {
  return ws.change((log) => {
    const serial = ws.devices.nextSerial();
    const device = newDevice(ws, input, serial, ws.now());
    place(ws, device, serial);
    log([deviceAdded(device)]);
    return ws.detailOf(device);
  });
}

/**
 * A device list (CSV), checked row by row against the site and against the list's own earlier
 * rows; unless `dryRun`, every good row is added in one transaction. A bad file throws.
 */
export function addDevices(ws: SiteWorkspace, csv: string, dryRun: boolean): DeviceListResultDto {
  const rows = readDeviceList(csv); // parsing needs no lock: it happens before the transaction
  const check = (log: (records: AuditRecord[]) => void) => {
    const now = ws.now();
    const first = ws.devices.nextSerial();
    const listed = new Map<string, number>(); // UDI → line, for rows repeating an earlier one
    const ready: SiteDevice[] = [];
    const results = rows.map((row): DeviceListRowDto => {
      const dto: DeviceListRowDto = {
        line: row.line,
        name: row.name,
        product: row.product,
        external: row.external,
        udi: null,
        ok: false,
      };
      try {
        if (row.error) throw row.error;
        const input = deviceInput(row.device!);
        const key = udiKey(validateUdi(input.udi));
        dto.udi = key; // shown with the row, whatever else is wrong with it
        const device = newDevice(ws, input, first + ready.length, now);
        const earlier = listed.get(key);
        if (earlier) throw new DomainError('DEVICE_LIST_DUPLICATE', { line: earlier, udi: key });
        listed.set(key, row.line);
        ready.push(device);
        return { ...dto, ok: true, ...(dryRun ? {} : { deviceId: device.id }) };
      } catch (error) {
        if (!isDomainError(error)) throw error;
        return { ...dto, error: errorDto(error.code, error.facts) };
      }
    });
    if (!dryRun) {
      ready.forEach((device, n) => place(ws, device, first + n));
      log(ready.map(deviceAdded));
    }
    return { rows: results, added: dryRun ? 0 : ready.length };
  };
  return dryRun ? ws.db.read(() => check(() => {})) : ws.change(check);
}
