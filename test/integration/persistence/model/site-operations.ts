// The site's side of the model: devices added one by one or from a list, the Smart Agent's
// commands on emulated devices, authorization codes installed one by one or from a file in a
// batch, usage, and an external device's codes recorded in its ledger.

import { expect } from 'vitest';
import type { ErrorDto } from '../../../../shared/ipc/dto.ts';
import { encodeRequestCode, newRequestNonce } from '../../../../shared/codes/request-code.ts';
import { writeTransferFile } from '../../../../shared/transfer/transfer-file.ts';
import { hasher } from '../../../support/ports.ts';
import { returnCodeFor } from '../../../support/authority.ts';
import {
  MAX_DEVICES,
  type Operation,
  TAG,
  ask,
  emulated,
  external,
  installedOn,
  live,
  may,
  must,
  newDevice,
  site,
  siteWs,
  udiFields,
} from './calls.ts';
import { type Product, pickOne, pickSome } from './model.ts';
import { confirmationFor, udiFor } from './world.ts';

export const SITE_OPERATIONS: Operation[] = [
  {
    name: 'add a device',
    applies: (m) => m.devices.length < MAX_DEVICES,
    async run(m, w, pick) {
      const product: Product = pick % 2 ? 'ucm' : 'expressway';
      const isExternal = (pick >> 1) % 2 === 0;
      const n = ++w.serial;
      const { fields } = udiFields(n, product);
      const added = await must(site(w), 'site.addDevice', {
        ...siteWs(w),
        external: isExternal,
        product,
        ...fields,
      });
      newDevice(m, added.id, product, isExternal, n);
      return {};
    },
  },
  {
    name: 'add devices from a list (one row repeating a known device)',
    applies: (m) => m.devices.length < MAX_DEVICES - 3,
    async run(m, w, pick) {
      const rows: Array<{ n: number; product: Product; external: boolean }> = [];
      for (let i = 0; i <= pick % 3; i++)
        rows.push({
          n: ++w.serial,
          product: (pick + i) % 2 ? 'ucm' : 'expressway',
          external: ((pick >> 2) + i) % 3 === 0,
        });
      const known = pickOne(m.devices, pick);
      const line = (udi: ReturnType<typeof udiFor>, product: Product, external: boolean) =>
        [
          product,
          udi.pid,
          udi.sn,
          udi.vid ?? '',
          udi.hostId ?? '',
          udi.uuid ?? '',
          external ? 'yes' : 'no',
        ].join(',');
      const csv = [
        'product,pid,sn,vid,hostId,uuid,external',
        ...rows.map((r) => line(udiFor(r.n, r.product), r.product, r.external)),
        ...(known ? [line(known.udi, known.product, known.kind === 'external')] : []),
      ].join('\n');
      const result = await must(site(w), 'site.addDevices', { ...siteWs(w), csv, dryRun: false });
      expect(result.added).toBe(rows.length);
      rows.forEach((r, i) => {
        expect(result.rows[i]!.ok).toBe(true);
        newDevice(m, result.rows[i]!.deviceId!, r.product, r.external, r.n);
      });
      if (known) expect(result.rows[rows.length]!.error?.code).toBe('DEVICE_UDI_EXISTS');
      return {};
    },
  },
  {
    name: 'enable reservation on a device',
    weight: 4,
    applies: (m) => emulated(m, 'disabled').length > 0,
    async run(m, w, pick) {
      const device = pickOne(emulated(m, 'disabled'), pick)!;
      await must(site(w), 'site.action', { ...siteWs(w), deviceId: device.id, action: 'enable' });
      device.stage = 'enabled';
      return {};
    },
  },
  {
    name: 'print a request code',
    weight: 4,
    applies: (m) => emulated(m, 'enabled').length > 0,
    async run(m, w, pick) {
      const device = pickOne(emulated(m, 'enabled'), pick)!;
      const result = await must(site(w), 'site.action', {
        ...siteWs(w),
        deviceId: device.id,
        action: 'request',
      });
      device.stage = 'pending';
      device.request = result.requestCode!;
      return {};
    },
  },
  {
    name: 'request on several devices at once',
    weight: 4,
    applies: (m) => emulated(m, 'disabled', 'enabled').length > 0,
    async run(m, w, pick) {
      const devices = pickSome(emulated(m, 'disabled', 'enabled'), pick, 3);
      const result = await must(site(w), 'site.requestBatch', {
        ...siteWs(w),
        deviceIds: devices.map((d) => d.id),
      });
      devices.forEach((device, i) => {
        const item = result.items[i]!;
        expect(item.ok, item.error?.message).toBe(true);
        device.stage = 'pending';
        device.request = item.code!;
      });
      return {};
    },
  },
  {
    name: 'cancel a pending request',
    weight: 4,
    applies: (m) => emulated(m, 'pending').length > 0,
    async run(m, w, pick) {
      // Mostly one the desk has answered already: its code is then never installed.
      const answered = emulated(m, 'pending').filter((d) => d.issued);
      const device = pickOne(
        pick % 4 && answered.length > 0 ? answered : emulated(m, 'pending'),
        pick >> 2,
      )!;
      await must(site(w), 'site.action', { ...siteWs(w), deviceId: device.id, action: 'cancel' });
      device.stage = 'enabled';
      delete device.request;
      if (device.issued) device.unused = device.issued.code;
      delete device.issued;
      return {};
    },
  },
  {
    name: 'install an authorization code on its device',
    weight: 8,
    applies: (m) => live(m).some((d) => d.kind === 'emulated' && d.issued),
    async run(m, w, pick) {
      const device = pickOne(
        live(m).filter((d) => d.kind === 'emulated' && d.issued),
        pick,
      )!;
      const result = await must(site(w), 'site.action', {
        ...siteWs(w),
        deviceId: device.id,
        action: 'install',
        code: device.issued!.code,
      });
      installedOn(device, result.confirmationCode);
      return {};
    },
  },
  {
    name: 'import a file of authorization codes and install them in one batch',
    weight: 4,
    applies: (m) => live(m).some((d) => d.issued),
    async run(m, w, pick) {
      const devices = pickSome(
        live(m).filter((d) => d.issued),
        pick,
        3,
      );
      const text = writeTransferFile(
        {
          createdAt: new Date(w.clock.now()).toISOString(),
          from: { workspace: 'License desk', side: 'authority' },
          entries: devices.map((d) => ({ kind: 'authorization' as const, code: d.issued!.code })),
        },
        hasher,
      );
      const imported = await must(site(w), 'transfer.import', {
        ...siteWs(w),
        fileName: `codes-${w.clock.now()}-${pick}.airlock`,
        text,
      });
      expect(imported.items.map((i) => i.subject)).toEqual(devices.map((d) => d.id));
      const installed = await must(site(w), 'site.installBatch', {
        ...siteWs(w),
        itemIds: imported.items.map((i) => i.id),
      });
      devices.forEach((device, i) => {
        const item = installed.items[i]!;
        expect(item.ok, item.error?.message).toBe(true);
        installedOn(device, item.code);
      });
      return {};
    },
  },
  {
    name: 'return a reservation from its device',
    weight: 4,
    applies: (m) => emulated(m, 'reserved').some((d) => !d.returned),
    async run(m, w, pick) {
      const device = pickOne(
        emulated(m, 'reserved').filter((d) => !d.returned),
        pick,
      )!;
      const result = await must(site(w), 'site.action', {
        ...siteWs(w),
        deviceId: device.id,
        action: 'return',
      });
      device.stage = 'enabled';
      device.returned = result.returnCode!;
      delete device.issued; // an update it never installed dies with the reservation
      return {};
    },
  },
  {
    name: 'return an authorization code that was never installed',
    weight: 24,
    applies: (m) => live(m).some((d) => d.unused && !d.returned && d.stage !== 'disabled'),
    async run(m, w, pick) {
      const device = pickOne(
        live(m).filter((d) => d.unused && !d.returned && d.stage !== 'disabled'),
        pick,
      )!;
      const result = await must(site(w), 'site.action', {
        ...siteWs(w),
        deviceId: device.id,
        action: 'returnAuthorization',
        code: device.unused!,
      });
      device.returned = result.returnCode!;
      delete device.unused;
      return {};
    },
  },
  {
    name: 'set a device’s usage',
    applies: (m) => live(m).some((d) => d.kind === 'emulated'),
    async run(m, w, pick) {
      const device = pickOne(
        live(m).filter((d) => d.kind === 'emulated'),
        pick,
      )!;
      const result = await may(
        site(w),
        'site.setUsage',
        { ...siteWs(w), deviceId: device.id, tag: TAG[device.product], count: pick % 4 },
        ['PROVISIONING_BLOCKED'],
      );
      return { ...(result.refused ? { refused: result.refused } : {}) };
    },
  },
  {
    name: 'record an external device’s request code',
    weight: 12,
    applies: (m) => external(m, 'new', 'return-recorded').some((d) => !d.instance),
    async run(m, w, pick) {
      const device = pickOne(
        external(m, 'new', 'return-recorded').filter((d) => !d.instance),
        pick,
      )!;
      const code = encodeRequestCode(device.udi, newRequestNonce(w.random));
      await must(site(w), 'site.recordExternal', {
        ...siteWs(w),
        deviceId: device.id,
        kind: 'request',
        code,
      });
      device.stage = 'request-recorded';
      device.request = code;
      return {};
    },
  },
  {
    name: 'cancel an external device’s request',
    weight: 4,
    applies: (m) => external(m, 'request-recorded').some((d) => !d.instance),
    async run(m, w, pick) {
      const device = pickOne(
        external(m, 'request-recorded').filter((d) => !d.instance),
        pick,
      )!;
      await must(site(w), 'site.recordExternal', {
        ...siteWs(w),
        deviceId: device.id,
        kind: 'cancel',
      });
      device.stage = 'new';
      delete device.request;
      return {};
    },
  },
  {
    name: 'record the authorization an external device received',
    weight: 16,
    applies: (m) => external(m, 'request-recorded').some((d) => d.issued),
    async run(m, w, pick) {
      const device = pickOne(
        external(m, 'request-recorded').filter((d) => d.issued),
        pick,
      )!;
      await must(site(w), 'site.recordExternal', {
        ...siteWs(w),
        deviceId: device.id,
        kind: 'authorization',
        code: device.issued!.code,
      });
      installedOn(device, undefined);
      return {};
    },
  },
  {
    name: 'record that an external device installed its code',
    weight: 12,
    applies: (m) => external(m, 'authorization-received').length > 0,
    async run(m, w, pick) {
      const device = pickOne(external(m, 'authorization-received'), pick)!;
      const received = device.received!;
      if (received.type === 'SLR') {
        const code = confirmationFor(received.code, device.udi);
        await must(site(w), 'site.recordExternal', {
          ...siteWs(w),
          deviceId: device.id,
          kind: 'confirmation',
          code,
        });
        device.confirmation = { code, forUpdate: false };
      } else
        await must(site(w), 'site.recordExternal', {
          ...siteWs(w),
          deviceId: device.id,
          kind: 'installed',
        });
      device.stage = 'installed';
      return {};
    },
  },
  {
    name: 'record an external device’s return code',
    weight: 12,
    applies: (m) => external(m, 'installed').some((d) => !d.returned),
    async run(m, w, pick) {
      const device = pickOne(
        external(m, 'installed').filter((d) => !d.returned),
        pick,
      )!;
      const code = returnCodeFor(device.received!.code, device.udi, { timestamp: w.clock.now() });
      await must(site(w), 'site.recordExternal', {
        ...siteWs(w),
        deviceId: device.id,
        kind: 'return',
        code,
      });
      device.stage = 'return-recorded';
      device.returned = code;
      delete device.received;
      return {};
    },
  },
  {
    name: 'refuse to install a code meant for another device, and change nothing',
    weight: 8,
    applies: (m) =>
      emulated(m, 'pending').length > 0 && live(m).some((d) => d.issued) && m.devices.length > 1,
    async run(m, w, pick) {
      const target = pickOne(emulated(m, 'pending'), pick)!;
      const other = pickOne(
        live(m).filter((d) => d.issued && d.id !== target.id),
        pick,
      );
      if (!other) return {};
      const result = await ask(site(w), 'site.action', {
        ...siteWs(w),
        deviceId: target.id,
        action: 'install',
        code: other.issued!.code,
      });
      expect(result.ok, `installing ${other.id}'s code on ${target.id}`).toBe(false);
      return { refused: (result as { error: ErrorDto }).error };
    },
  },
];
