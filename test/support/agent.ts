// Small factories for product-side tests: an emulated device on a test clock, and authorization
// codes minted by the test authority for its requests.

import { expect } from 'vitest';
import { type IssuedAuthorization, issueAuthorization } from '../../shared/codes/authorization.ts';
import type { Entitlement } from '../../shared/codes/entitlement.ts';
import { decodeRequestCode } from '../../shared/codes/request-code.ts';
import type { Udi } from '../../shared/codes/udi.ts';
import { ProductAgent } from '../../shared/agent/device.ts';
import {
  type DeviceState,
  type Product,
  createDeviceState,
} from '../../shared/agent/device-state.ts';
import type { Signer, Verifier } from '../../shared/ports.ts';
import { entitlement, expresswayUdi, ucmUdi } from './codes.ts';
import { SeededRandom, TestClock, authorityKeys, hasher } from './ports.ts';

export const TAGS = {
  enhanced: 'regid.2016-07.com.cisco.UCM_Enhanced,12.0_66d0d1cf-4863-4761-91d0-d01d3eb1949a',
  basic: 'regid.2016-07.com.cisco.UCM_Basic,12.0_ef827a2f-f4ae-4ebb-887f-052737063d3a',
  cuwl: 'regid.2017-02.com.cisco.UCM_CUWL,12.0_cc59375a-1cd8-4b36-8366-6f4d2abba965',
  rms: 'regid.2020-05.com.cisco.EXPWY_RMS,1.0_b6d5b8fd-fbde-4e0c-a5a5-21b02e17c6a0',
  accountSecurity:
    'regid.2020-05.com.cisco.EXPWY_AdvancedAccountSecurity,1.0_9e6c8b33-8d43-4ab8-8c3a-6f7d0e3c2b11',
} as const;

export interface TestDevice {
  agent: ProductAgent;
  state: DeviceState;
  clock: TestClock;
  udi: Udi;
}

export function makeDevice(
  product: Product = 'ucm',
  options: { verifier?: Verifier | null; udi?: Udi; seed?: number } = {},
): TestDevice {
  const clock = new TestClock();
  const udi = options.udi ?? (product === 'ucm' ? ucmUdi : expresswayUdi);
  const state = createDeviceState({ udi, product, now: clock.now() });
  const verifier =
    options.verifier === null ? undefined : (options.verifier ?? authorityKeys.verifier);
  const agent = new ProductAgent(state, {
    clock,
    random: new SeededRandom(options.seed ?? 7),
    hasher,
    ...(verifier ? { verifier } : {}),
  });
  return { agent, state, clock, udi };
}

/** A device with reservation enabled and a pending request; returns its request code and nonce. */
export function requestingDevice(
  product: Product = 'ucm',
  options: Parameters<typeof makeDevice>[1] = {},
) {
  const device = makeDevice(product, options);
  device.agent.enable();
  const { requestCode } = device.agent.request();
  return { ...device, requestCode, nonce: decodeRequestCode(requestCode).nonce };
}

export interface SlrOptions {
  udi: Udi;
  nonce: string;
  piid?: string;
  sequence?: number;
  timestamp?: number;
  entitlements?: Entitlement[];
  signer?: Signer;
}

export function slrCode({
  udi,
  nonce,
  piid = 'c0ffee00-0000-4000-8000-000000000001',
  sequence = 1,
  timestamp = Date.UTC(2026, 0, 15),
  entitlements = [entitlement({ tag: TAGS.enhanced, count: 4 })],
  signer = authorityKeys.signer,
}: SlrOptions): IssuedAuthorization {
  return issueAuthorization(
    { type: 'SLR', udi, piid, timestamp, requestNonce: nonce, sequence, entitlements },
    signer,
    hasher,
  );
}

export function plrCode({
  udi,
  nonce,
  sequence = 1,
  exportControl = false,
  signer = authorityKeys.signer,
}: {
  udi: Udi;
  nonce: string;
  sequence?: number;
  exportControl?: boolean;
  signer?: Signer;
}): IssuedAuthorization {
  return issueAuthorization(
    {
      type: 'PLR',
      udi,
      requestNonce: nonce,
      sequence,
      timestamp: Date.UTC(2026, 0, 15),
      exportControl,
    },
    signer,
    hasher,
  );
}

/** Runs `act` and returns the DomainError code it threw (fails the test if it did not throw). */
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

/** Asserts that `act` is refused with `code` and leaves the state exactly as it was. */
export function refusedUnchanged(
  holder: { state: object },
  act: () => unknown,
  code: string,
): Record<string, unknown> {
  const before = structuredClone(holder.state);
  const error = refusal(act);
  expect(error.code).toBe(code);
  expect(holder.state).toEqual(before);
  return error.facts;
}
