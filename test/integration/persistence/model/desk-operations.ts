// The desk's side of the model: virtual accounts and licences, reservations one by one and in a
// batch (SLR and PLR, against a scarce pool), confirmations, updates, removals, transfers and
// rehosts — and two refusals that must change nothing — and the codes crossing the gap on a
// stick, and time passing.

import { expect } from 'vitest';
import { encodeRequestCode, newRequestNonce } from '../../../../shared/codes/request-code.ts';
import { confirmationCodeFor } from '../../../../shared/codes/confirmation-code.ts';
import { hasher } from '../../../support/ports.ts';
import {
  type Operation,
  SEAT,
  TAG,
  desk,
  deskWs,
  emulated,
  issuedFor,
  live,
  may,
  must,
  mustRefuse,
  reservable,
  site,
  siteWs,
} from './calls.ts';
import {
  type DeviceModel,
  type Model,
  type Product,
  applyConfirmation,
  applyReturn,
  deviceOf,
  instanceOf,
  pickOne,
  pickSome,
} from './model.ts';

export const DESK_OPERATIONS: Operation[] = [
  {
    name: 'add a virtual account',
    applies: (m) => m.virtualAccounts.length < 4,
    async run(m, w) {
      const name = `VA ${m.virtualAccounts.length + 1}`;
      await must(desk(w), 'authority.addVirtualAccount', { ...deskWs(w), name });
      m.virtualAccounts.push(name);
      return {};
    },
  },
  {
    name: 'buy a license for a virtual account',
    applies: () => true,
    async run(m, w, pick) {
      await must(desk(w), 'authority.addLicense', {
        ...deskWs(w),
        va: pickOne(m.virtualAccounts, pick)!,
        tag: SEAT,
        displayName: 'Lab seat',
        type: 'PERPETUAL',
        count: 1 + (pick % 3),
      });
      return {};
    },
  },
  {
    name: 'load a catalog into a virtual account',
    applies: () => true,
    async run(m, w, pick) {
      await must(desk(w), 'authority.loadCatalog', {
        ...deskWs(w),
        va: pickOne(m.virtualAccounts, pick)!,
        catalog: pick % 2 ? 'ucm' : 'expressway',
        count: 1,
      });
      return {};
    },
  },
  {
    name: 'reserve for a request code (SLR or PLR)',
    weight: 4,
    applies: (m) => reservable(m).length > 0,
    async run(m, w, pick) {
      const device = pickOne(reservable(m), pick)!;
      const va = pickOne(m.virtualAccounts, pick >> 1)!;
      const selection =
        pick % 3 === 0
          ? { type: 'PLR' as const, exportControl: false }
          : { type: 'SLR' as const, licenses: { [TAG[device.product]]: 1 + ((pick >> 2) % 2) } };
      const result = await may(
        desk(w),
        'authority.reserve',
        { ...deskWs(w), va, requestCode: device.request!, selection },
        ['INSUFFICIENT_BALANCE', 'LICENSE_NOT_FOUND', 'PLR_LICENSE_NOT_FOUND'],
      );
      if (result.refused) return { refused: result.refused };
      const reserved = result.value!;
      expect(reserved.instance).toMatchObject({ va, state: 'reserved' });
      issuedFor(m, device, reserved.instance, reserved.authorizationCode);
      return {};
    },
  },
  {
    name: 'reserve for several request codes in one batch',
    weight: 4,
    applies: (m) => reservable(m).length > 1,
    async run(m, w, pick) {
      const product: Product = pick % 2 ? 'ucm' : 'expressway';
      const devices = pickSome(
        reservable(m).filter((d) => d.product === product),
        pick >> 1,
        3,
      );
      if (devices.length === 0) return {};
      const result = await must(desk(w), 'authority.reserveBatch', {
        ...deskWs(w),
        va: 'Lab',
        requestCodes: devices.map((d) => d.request!),
        selection: { type: 'SLR', licenses: { [TAG[product]]: 1 } },
      });
      devices.forEach((device, i) => {
        const item = result.items[i]!;
        if (!item.ok) {
          expect(item.error?.code).toBe('INSUFFICIENT_BALANCE');
          return;
        }
        issuedFor(
          m,
          device,
          {
            id: item.instanceId!,
            va: 'Lab',
            reservationType: 'SLR',
            licenses: { [TAG[product]]: 1 },
          },
          item.code!,
        );
      });
      return {};
    },
  },
  {
    name: 'confirm with the code the device printed',
    weight: 12,
    applies: (m) => live(m).some((d) => d.confirmation && instanceOf(m, d.instance)),
    async run(m, w, pick) {
      const device = pickOne(
        live(m).filter((d) => d.confirmation && instanceOf(m, d.instance)),
        pick,
      )!;
      await must(desk(w), 'authority.confirm', {
        ...deskWs(w),
        instanceId: device.instance!,
        confirmationCode: device.confirmation!.code,
      });
      applyConfirmation(m, device);
      return {};
    },
  },
  {
    name: 'update the licenses an instance holds',
    weight: 16,
    applies: (m) => updatable(m).length > 0,
    async run(m, w, pick) {
      const device = pickOne(updatable(m), pick)!;
      const instance = instanceOf(m, device.instance)!;
      const count = instance.count === 1 ? 2 : 1;
      const result = await may(
        desk(w),
        'authority.update',
        { ...deskWs(w), instanceId: instance.id, licenses: { [TAG[device.product]]: count } },
        ['INSUFFICIENT_BALANCE'],
      );
      if (result.refused) return { refused: result.refused };
      instance.state = 'in-transit';
      instance.pendingCount = count;
      device.issued = { code: result.value!.authorizationCode, type: 'SLR', update: true };
      return {};
    },
  },
  {
    name: 'remove an instance with its return code',
    weight: 4,
    applies: (m) => live(m).some((d) => d.returned && instanceOf(m, d.instance)),
    async run(m, w, pick) {
      const device = pickOne(
        live(m).filter((d) => d.returned && instanceOf(m, d.instance)),
        pick,
      )!;
      const removed = await must(desk(w), 'authority.remove', {
        ...deskWs(w),
        instanceId: device.instance!,
        returnCode: device.returned!,
      });
      expect(removed.state).toBe('removed');
      applyReturn(m, device);
      return {};
    },
  },
  {
    name: 'transfer an instance to another virtual account',
    weight: 4,
    applies: (m) => m.instances.some((i) => i.state === 'reserved'),
    async run(m, w, pick) {
      const instance = pickOne(
        m.instances.filter((i) => i.state === 'reserved'),
        pick,
      )!;
      const others = m.virtualAccounts.filter((va) => va !== instance.va);
      const toVa = pickOne(others, pick >> 1)!;
      const moved = await must(desk(w), 'authority.transfer', {
        ...deskWs(w),
        instanceId: instance.id,
        toVa,
      });
      expect(moved.va).toBe(toVa);
      instance.va = toVa;
      return {};
    },
  },
  {
    name: 'rehost an Expressway’s reservation onto a replacement',
    weight: 16,
    applies: (m) => rehostable(m).length > 0,
    async run(m, w, pick) {
      const [old, replacement] = pickOne(rehostable(m), pick)!;
      const instance = instanceOf(m, old.instance)!;
      const result = await must(desk(w), 'authority.rehost', {
        ...deskWs(w),
        instanceId: instance.id,
        requestCode: replacement.request!,
        reason: 'RMA: the box failed',
      });
      instance.state = 'rehosted';
      old.retired = true;
      delete old.instance;
      issuedFor(m, replacement, result.instance, result.authorizationCode);
      return {};
    },
  },
  {
    name: 'refuse a second reservation for a UDI that holds one, and change nothing',
    weight: 4,
    applies: (m) => live(m).some((d) => instanceOf(m, d.instance)),
    async run(m, w, pick) {
      const device = pickOne(
        live(m).filter((d) => instanceOf(m, d.instance)),
        pick,
      )!;
      return mustRefuse(
        desk(w),
        'authority.reserve',
        {
          ...deskWs(w),
          va: 'Lab',
          requestCode: encodeRequestCode(device.udi, newRequestNonce(w.random)),
          selection: { type: 'PLR', exportControl: false },
        },
        'UDI_ALREADY_RESERVED',
      );
    },
  },
  {
    name: 'refuse a confirmation code that answers nothing issued, and change nothing',
    weight: 4,
    applies: (m) => m.instances.some((i) => i.type === 'SLR' && !i.confirmed),
    async run(m, w, pick) {
      const instance = pickOne(
        m.instances.filter((i) => i.type === 'SLR' && !i.confirmed),
        pick,
      )!;
      const device = deviceOf(m, instance.device);
      const code = confirmationCodeFor('0'.repeat(64), device.udi, hasher);
      return mustRefuse(
        desk(w),
        'authority.confirm',
        { ...deskWs(w), instanceId: instance.id, confirmationCode: code },
        instance.state === 'removed' || instance.state === 'rehosted'
          ? 'INSTANCE_NOT_ACTIVE'
          : 'CONFIRMATION_CODE_MISMATCH',
      );
    },
  },
];

/** Settled SLR instances whose device runs their code and waits for nothing. */
function updatable(m: Model): DeviceModel[] {
  return emulated(m, 'reserved').filter((d) => {
    const instance = instanceOf(m, d.instance);
    return instance?.state === 'reserved' && instance.type === 'SLR' && !d.issued && !d.returned;
  });
}

/** An Expressway holding a settled reservation, and another Expressway waiting to be reserved. */
function rehostable(m: Model): Array<[DeviceModel, DeviceModel]> {
  const pairs: Array<[DeviceModel, DeviceModel]> = [];
  for (const old of live(m)) {
    if (old.product !== 'expressway' || instanceOf(m, old.instance)?.state !== 'reserved') continue;
    for (const replacement of reservable(m))
      if (replacement.product === 'expressway' && replacement.id !== old.id)
        pairs.push([old, replacement]);
  }
  return pairs;
}

export const CROSSING_OPERATIONS: Operation[] = [
  {
    name: 'carry every waiting site code to the desk on a stick',
    weight: 4,
    applies: (m) => live(m).some((d) => d.confirmation || d.returned),
    async run(m, w) {
      const waiting = await must(site(w), 'transfer.itemPage', {
        ...siteWs(w),
        offset: 0,
        limit: 1000,
        direction: 'out',
        status: 'waiting',
      });
      if (waiting.rows.length === 0) return {};
      const written = await must(site(w), 'transfer.export', {
        ...siteWs(w),
        folder: w.site.main.services.handles.folder(w.stick),
        itemIds: waiting.rows.map((i) => i.id),
      });
      await must(desk(w), 'transfer.import', {
        ...deskWs(w),
        file: w.desk.main.services.handles.file(written.path),
      });
      // The desk applies confirmations first, then returns (AuthorityWorkspace.importEntries).
      for (const device of live(m)) applyConfirmation(m, device);
      for (const device of live(m)) applyReturn(m, device);
      return {};
    },
  },
  {
    name: 'let time pass',
    applies: () => true,
    async run(_m, w, pick) {
      w.clock.advance((1 + (pick % 240)) * 60_000);
      return {};
    },
  },
];
