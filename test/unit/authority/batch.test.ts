import { describe, expect, it } from 'vitest';
import { confirmMany, removeMany, reserveMany } from '../../../shared/authority/batch.ts';
import { checkPoolInvariant } from '../../../shared/authority/invariant.ts';
import {
  EXPY,
  makeAuthority,
  requestCodeFor,
  returnCodeFor,
  rowOf,
  udiOf,
} from '../../support/authority.ts';

const selection = { type: 'SLR', licenses: { [EXPY.rms]: 2 } } as const;

function authorityWithStock(count: number) {
  const a = makeAuthority({ count: 0 });
  a.ledger.addLicense('Default', {
    tag: EXPY.rms,
    displayName: 'Expressway Rich Media Session',
    type: 'PERPETUAL',
    count,
  });
  a.ledger.drainEvents();
  return a;
}

describe('batch', () => {
  it('reserves item by item: a bad code or a taken UDI fails alone', () => {
    const a = authorityWithStock(100);
    const codes = [
      requestCodeFor(udiOf(1), a.deviceRandom),
      'CB-garbage',
      requestCodeFor(udiOf(2), a.deviceRandom),
      requestCodeFor(udiOf(1), a.deviceRandom),
    ];
    const results = reserveMany(a.ledger, 'Default', codes, selection);
    expect(results.map((r) => [r.index, r.ok, r.error?.code])).toEqual([
      [0, true, undefined],
      [1, false, 'REQUEST_CODE_MALFORMED'],
      [2, true, undefined],
      [3, false, 'UDI_ALREADY_RESERVED'],
    ]);
    expect(results[0]).toMatchObject({
      instance: { state: 'reserved' },
      authorizationCode: expect.any(String),
      confirmationCode: expect.any(String),
    });
    expect(results[3]!.error!.facts.instanceId).toBe(results[0]!.instance!.id);
    // A refused request is named by the device its code names; one that cannot be read, by none.
    expect(results[3]!.udi).toBe(results[0]!.instance!.udi);
    expect(results[1]!.udi).toBeUndefined();
  });

  it('stops reserving when the balance runs out, and says so per item', () => {
    const a = authorityWithStock(5);
    const codes = [1, 2, 3].map((n) => requestCodeFor(udiOf(n), a.deviceRandom));
    const results = reserveMany(a.ledger, 'Default', codes, selection);
    expect(results.map((r) => r.ok)).toEqual([true, true, false]);
    expect(results[2]!.error).toEqual({
      code: 'INSUFFICIENT_BALANCE',
      facts: { tag: EXPY.rms, requested: 2, available: 1 },
    });
  });

  it('reserves, confirms and removes 2,000 devices in one trip', () => {
    const n = 2000;
    const a = authorityWithStock(2 * n);
    const udis = Array.from({ length: n }, (_, i) => udiOf(i + 1));
    const codes = udis.map((udi) => requestCodeFor(udi, a.deviceRandom));

    const reserved = reserveMany(a.ledger, 'Default', codes, selection);
    expect(reserved.every((r) => r.ok)).toBe(true);
    expect(rowOf(a, EXPY.rms)).toMatchObject({ reserved: 2 * n, balance: 0 });

    const confirmed = confirmMany(
      a.ledger,
      reserved.map((r) => ({ udi: r.instance!.udi, code: r.confirmationCode! })),
    );
    expect(confirmed.every((r) => r.ok && r.instance!.confirmed)).toBe(true);

    const removed = removeMany(
      a.ledger,
      reserved.map((r, i) => ({
        instanceId: r.instance!.id,
        code: returnCodeFor(r.authorizationCode!, udis[i]!),
      })),
    );
    expect(removed.every((r) => r.ok && r.instance!.state === 'removed')).toBe(true);
    expect(rowOf(a, EXPY.rms)).toMatchObject({ reserved: 0, balance: 2 * n });
    expect(checkPoolInvariant(a.state)).toEqual([]);
    expect(a.ledger.drainEvents()).toHaveLength(3 * n);
  });

  it('names an instance it cannot find by UDI', () => {
    const a = authorityWithStock(10);
    const [result] = confirmMany(a.ledger, [{ udi: 'P:Expressway,S:NOPE', code: '08715c93' }]);
    expect(result).toEqual({
      index: 0,
      ok: false,
      error: { code: 'INSTANCE_NOT_FOUND', facts: { udi: 'P:Expressway,S:NOPE' } },
    });
  });
});
