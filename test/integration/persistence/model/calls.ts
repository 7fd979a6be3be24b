// What the model's operations share: the calls they make through a side's router (must
// succeed, may be refused for a named reason, must be refused), the model's selections of
// devices, and what an operation does to the model when the desk issues a code or a device takes
// one.

import { expect } from 'vitest';
import type { Channel, Request, Response } from '../../../../shared/ipc/contract.ts';
import type { ErrorDto } from '../../../../shared/ipc/dto.ts';
import { validateUdi } from '../../../../shared/codes/udi.ts';
import type { Router } from '../../../../electron/ipc/router.ts';
import { TAGS } from '../../support/sides.ts';
import type { DeviceModel, Model, Product } from './model.ts';
import { type World, udiFor } from './world.ts';

/** What an operation came to: done, or refused with the error the window would show. */
export type Outcome = { refused?: ErrorDto };

export interface Operation {
  name: string;
  /** How much more often than a plain setup step it is drawn, when it applies. */
  weight?: number;
  applies(m: Model): boolean;
  run(m: Model, w: World, pick: number): Promise<Outcome>;
}

export const MAX_DEVICES = 10;

/** A license of no catalog, bought one at a time. */
export const SEAT = 'regid.2026-01.com.example.LAB_Seat,1.0_5eed0000-0000-4000-8000-000000000001';

/** The license a device of this product reserves (SLR). */
export const TAG: Record<Product, string> = { ucm: TAGS.enhanced, expressway: TAGS.rms };

export async function ask<C extends Channel>(router: Router, channel: C, request: Request<C>) {
  return (await router.invoke(channel, request)) as
    { ok: true; value: Response<C> } | { ok: false; error: ErrorDto };
}

/** A call that must succeed. */
export async function must<C extends Channel>(
  router: Router,
  channel: C,
  request: Request<C>,
): Promise<Response<C>> {
  const result = await ask(router, channel, request);
  if (!result.ok) expect.fail(`${channel} refused: ${result.error.code} ${result.error.message}`);
  return result.value;
}

/** A call that may be refused, but only for one of `allowed`. */
export async function may<C extends Channel>(
  router: Router,
  channel: C,
  request: Request<C>,
  allowed: readonly string[],
): Promise<{ value?: Response<C>; refused?: ErrorDto }> {
  const result = await ask(router, channel, request);
  if (result.ok) return { value: result.value };
  expect(allowed, `${channel} refused: ${result.error.message}`).toContain(result.error.code);
  return { refused: result.error };
}

/** A call that must be refused with `code`. */
export async function mustRefuse<C extends Channel>(
  router: Router,
  channel: C,
  request: Request<C>,
  code: string,
): Promise<Outcome> {
  const result = await ask(router, channel, request);
  expect(result.ok, `${channel} should have been refused with ${code}`).toBe(false);
  const error = (result as { error: ErrorDto }).error;
  expect(error.code).toBe(code);
  return { refused: error };
}

export const live = (m: Model) => m.devices.filter((d) => !d.retired);
export const emulated = (m: Model, ...stages: string[]) =>
  live(m).filter((d) => d.kind === 'emulated' && stages.includes(d.stage));
export const external = (m: Model, ...stages: string[]) =>
  live(m).filter((d) => d.kind === 'external' && stages.includes(d.stage));
/** Devices with a request the desk can reserve for: pending, and their UDI free at the desk. */
export const reservable = (m: Model) =>
  live(m).filter(
    (d) =>
      d.request !== undefined &&
      d.instance === undefined &&
      (d.stage === 'pending' || d.stage === 'request-recorded'),
  );

export const site = (w: World) => w.site.main.router;
export const desk = (w: World) => w.desk.main.router;
export const siteWs = (w: World) => ({ workspaceId: w.site.workspaceId });
export const deskWs = (w: World) => ({ workspaceId: w.desk.workspaceId });

export function udiFields(n: number, product: Product) {
  const udi = udiFor(n, product);
  return {
    udi,
    fields: { pid: udi.pid, sn: udi.sn, vid: udi.vid, hostId: udi.hostId, uuid: udi.uuid },
  };
}

export function newDevice(m: Model, id: string, product: Product, external: boolean, n: number) {
  m.devices.push({
    id,
    kind: external ? 'external' : 'emulated',
    product,
    udi: validateUdi(udiFor(n, product)), // as the site stores it (a UUID without its dashes)
    stage: external ? 'new' : 'disabled',
  });
}

/** The desk issued `code` for `device`: the new instance joins the model. */
export function issuedFor(
  m: Model,
  device: DeviceModel,
  instance: {
    id: string;
    va: string;
    reservationType: 'SLR' | 'PLR';
    licenses: Record<string, number>;
  },
  code: string,
): void {
  m.instances.push({
    id: instance.id,
    device: device.id,
    state: 'reserved',
    confirmed: instance.reservationType === 'PLR',
    va: instance.va,
    type: instance.reservationType,
    count: instance.reservationType === 'SLR' ? (instance.licenses[TAG[device.product]] ?? 0) : 1,
  });
  device.instance = instance.id;
  device.issued = { code, type: instance.reservationType, update: false };
}

/** The device took its issued code: installed (emulated) or recorded (external). */
export function installedOn(device: DeviceModel, confirmation: string | undefined): void {
  const issued = device.issued!;
  delete device.issued;
  if (device.kind === 'external') {
    device.stage = 'authorization-received';
    device.received = issued;
    delete device.request;
    return;
  }
  device.stage = 'reserved';
  delete device.request;
  if (issued.type === 'SLR') {
    expect(confirmation, `${device.id} printed no confirmation code`).toBeTypeOf('string');
    device.confirmation = { code: confirmation!, forUpdate: issued.update };
  } else expect(confirmation).toBeUndefined();
}
