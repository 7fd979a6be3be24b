// Model-based: random sequences of every operation, with random failures, must keep the pool
// invariant at every step, and every refusal must leave the state exactly as it was.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPoolInvariant } from '../../../shared/authority/invariant.ts';
import type { Selection } from '../../../shared/authority/selection.ts';
import { isDomainError } from '../../../shared/errors.ts';
import type { Udi } from '../../../shared/codes/udi.ts';
import {
  EXPY,
  TERM_TAG,
  UCM,
  makeAuthority,
  requestCodeFor,
  returnCodeFor,
  udiOf,
} from '../../support/authority.ts';

const VAS = ['Default', 'Other'];
const SLR_TAGS = [UCM.enhanced, UCM.basic, EXPY.rms, TERM_TAG];

const counts = fc.dictionary(fc.constantFrom(...SLR_TAGS), fc.integer({ min: -1, max: 4 }), {
  maxKeys: 3,
});
const pick = fc.nat(50);

const w = <T>(arbitrary: fc.Arbitrary<T>, weight: number) => ({ arbitrary, weight });
const operation = fc.oneof(
  w(
    fc.record({
      kind: fc.constant('add' as const),
      va: fc.nat(1),
      tag: fc.nat(SLR_TAGS.length + 1),
      count: fc.integer({ min: 0, max: 4 }),
    }),
    2,
  ),
  w(
    fc.record({
      kind: fc.constant('reserve' as const),
      va: fc.nat(1),
      device: fc.nat(9),
      plr: fc.oneof(w(fc.constant(null), 3), w(fc.boolean(), 1)),
      licenses: counts,
      sme: fc.boolean(),
    }),
    6,
  ),
  w(fc.record({ kind: fc.constant('update' as const), pick, licenses: counts }), 4),
  w(
    fc.record({
      kind: fc.constant('confirm' as const),
      pick,
      which: fc.constantFrom('current', 'pending', 'wrong'),
    }),
    4,
  ),
  w(
    fc.record({
      kind: fc.constant('remove' as const),
      pick,
      which: fc.nat(3),
      neverInstalled: fc.boolean(),
      otherUdi: fc.boolean(),
    }),
    3,
  ),
  w(fc.record({ kind: fc.constant('transfer' as const), pick, va: fc.nat(1) }), 2),
  w(
    fc.record({
      kind: fc.constant('rehost' as const),
      pick,
      device: fc.nat(9),
      reason: fc.constantFrom('', 'RMA 1'),
    }),
    2,
  ),
  w(fc.record({ kind: fc.constant('time' as const), days: fc.integer({ min: 1, max: 40 }) }), 1),
  w(fc.record({ kind: fc.constant('toggle' as const) }), 1),
);

type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never;

interface Known {
  udi: Udi;
  /** Every code issued for it, oldest first, with its confirmation code. */
  codes: Array<{ code: string; confirmation?: string }>;
}

function run(ops: Operation[]): void {
  const a = makeAuthority({ count: 3 });
  for (const va of VAS) {
    a.ledger.addLicense(va, {
      tag: TERM_TAG,
      displayName: 'Lab Term',
      type: 'TERM',
      count: 3,
      startDate: '2026-01-01',
      endDate: '2026-02-20',
    });
  }
  a.ledger.addLicense('Other', { tag: EXPY.rms, displayName: 'RMS', type: 'PERPETUAL', count: 2 });
  a.ledger.addLicense('Other', {
    tag: EXPY.plrWithout,
    displayName: 'PLR',
    type: 'PERPETUAL',
    count: 1,
    plr: 'without-export-control',
  });
  const known = new Map<string, Known>();
  const ids = () => [...known.keys()];
  const nth = (n: number) => ids()[n % Math.max(1, ids().length)] ?? 'none';
  const remember = (id: string, udi: Udi, code: string, confirmation?: string) => {
    const entry = known.get(id) ?? { udi, codes: [] };
    entry.codes.push({ code, ...(confirmation ? { confirmation } : {}) });
    known.set(id, entry);
  };

  // Two SLR instances from the start, so the first operations have something to act on.
  for (const n of [100, 101]) {
    const udi = udiOf(n);
    const r = a.ledger.reserve('Default', requestCodeFor(udi, a.deviceRandom), {
      type: 'SLR',
      licenses: { [UCM.enhanced]: 1 },
      anyProduct: true, // the pool is what is modelled here, not which product a licence fits
    });
    remember(r.instance.id, udi, r.authorizationCode, r.confirmationCode);
  }

  const apply = (op: Operation): void => {
    switch (op.kind) {
      case 'add': {
        const tag =
          SLR_TAGS[op.tag] ?? (op.tag === SLR_TAGS.length ? EXPY.plrWith : EXPY.plrWithout);
        const plr =
          tag === EXPY.plrWith
            ? 'with-export-control'
            : tag === EXPY.plrWithout
              ? 'without-export-control'
              : undefined;
        const term =
          tag === TERM_TAG
            ? { type: 'TERM' as const, startDate: '2026-01-01', endDate: '2026-02-20' }
            : { type: 'PERPETUAL' as const };
        a.ledger.addLicense(VAS[op.va]!, {
          tag,
          displayName: tag.slice(0, 30),
          count: op.count,
          ...term,
          ...(plr ? { plr, exportControlled: plr === 'with-export-control' } : {}),
        });
        return;
      }
      case 'reserve': {
        const udi = udiOf(op.device);
        const selection: Selection =
          op.plr === null
            ? { type: 'SLR', licenses: op.licenses, sme: op.sme, anyProduct: true }
            : { type: 'PLR', exportControl: op.plr };
        const r = a.ledger.reserve(VAS[op.va]!, requestCodeFor(udi, a.deviceRandom), selection);
        remember(r.instance.id, udi, r.authorizationCode, r.confirmationCode);
        return;
      }
      case 'update': {
        const id = nth(op.pick);
        const r = a.ledger.update(id, op.licenses);
        remember(id, known.get(id)!.udi, r.authorizationCode, r.confirmationCode);
        return;
      }
      case 'confirm': {
        const id = nth(op.pick);
        const codes = known.get(id)?.codes ?? [];
        const view = codes.length ? a.ledger.instance(id) : undefined;
        const chosen =
          op.which === 'wrong'
            ? '0badc0de'
            : op.which === 'pending'
              ? codes.at(-1)?.confirmation
              : codes.find((c) => c.code === view?.authorizationCode)?.confirmation;
        a.ledger.confirm(id, chosen ?? '0badc0de');
        return;
      }
      case 'remove': {
        const id = nth(op.pick);
        const entry = known.get(id);
        const code = entry?.codes.at(-1 - (op.which % entry.codes.length))?.code;
        if (!entry || !code) return void a.ledger.remove(id, 'CR-NOTHING');
        const udi = op.otherUdi ? udiOf(99) : entry.udi;
        a.ledger.remove(id, returnCodeFor(code, udi, { neverInstalled: op.neverInstalled }));
        return;
      }
      case 'transfer':
        a.ledger.transfer(nth(op.pick), VAS[op.va]!);
        return;
      case 'rehost': {
        const udi = udiOf(op.device);
        const r = a.ledger.rehost(nth(op.pick), requestCodeFor(udi, a.deviceRandom), op.reason);
        remember(r.instance.id, udi, r.authorizationCode, r.confirmationCode);
        return;
      }
      case 'time':
        a.clock.advanceDays(op.days);
        return;
      case 'toggle':
        a.ledger.setReservationEnabled(!a.state.smartAccount.reservationEnabled);
        return;
    }
  };

  for (const op of ops) {
    const before = structuredClone(a.state);
    try {
      apply(op);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      expect(a.state, `${op.kind} refused with ${error.code} yet changed the state`).toEqual(
        before,
      );
    }
    expect(checkPoolInvariant(a.state), `after ${JSON.stringify(op)}`).toEqual([]);
  }
}

describe('the pool invariant under random operations', () => {
  it('holds after every step, and refusals change nothing', () => {
    fc.assert(
      fc.property(fc.array(operation, { minLength: 1, maxLength: 60 }), (ops) => run(ops)),
      { numRuns: 200 },
    );
  });
});
