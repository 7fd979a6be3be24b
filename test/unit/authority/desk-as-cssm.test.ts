// The desk as CSSM: what it refuses to authorize, licences moved between virtual accounts, rehost
// for the products CSSM offers it for, and CUCM PLR.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPoolInvariant } from '../../../shared/authority/invariant.ts';
import { reserveMany } from '../../../shared/authority/batch.ts';
import { UCM_CATALOG } from '../../../shared/catalog/index.ts';
import ja from '../../../shared/i18n/errors.ja.json';
import zh from '../../../shared/i18n/errors.zh.json';
import {
  EXPY,
  UCM,
  makeAuthority,
  refusal,
  refusedUnchanged,
  requestCodeFor,
  reserveFor,
  rowOf,
  udiOf,
} from '../../support/authority.ts';

/** A request code as a real Expressway prints it (seed 001's shape: a two-character check). */
const CISCO_REQUEST = 'CB-PExpressway,S08F8FF3C,V1.0,H320aa69d-A7C3VJCJF-AE';
const ucmTag = (name: string) => UCM_CATALOG.entries.find((e) => e.displayName === name)!.tag;

describe('a request from a real Cisco product', () => {
  it('is refused at the desk: only CSSM can authorize it, and nothing in the pool changes', () => {
    const a = makeAuthority();
    const facts = refusedUnchanged(
      a,
      () => a.ledger.reserve('Default', CISCO_REQUEST, { type: 'PLR', exportControl: false }),
      'CISCO_REQUEST_NOT_AUTHORIZABLE',
    );
    expect(facts).toEqual({ udi: 'P:Expressway,S:08F8FF3C,V:1.0,H:320aa69d', productType: 'EXPY' });
    refusedUnchanged(
      a,
      () =>
        a.ledger.reserve('Default', CISCO_REQUEST, { type: 'SLR', licenses: { [EXPY.rms]: 1 } }),
      'CISCO_REQUEST_NOT_AUTHORIZABLE',
    );
    expect(checkPoolInvariant(a.state)).toEqual([]);
  });

  it('is named in the preview, before licences are chosen', () => {
    const a = makeAuthority();
    expect(a.ledger.previewRequest(CISCO_REQUEST)).toMatchObject({
      ciscoProduct: true,
      checkVerified: false,
      productType: 'EXPY',
    });
  });

  it('fails alone in a batch, the others reserved', () => {
    const a = makeAuthority();
    const ours = requestCodeFor(udiOf(3), a.deviceRandom);
    const results = reserveMany(a.ledger, 'Default', [CISCO_REQUEST, ours], {
      type: 'SLR',
      licenses: { [EXPY.rms]: 1 },
    });
    expect(results.map((r) => [r.ok, r.error?.code])).toEqual([
      [false, 'CISCO_REQUEST_NOT_AUTHORIZABLE'],
      [true, undefined],
    ]);
    expect(rowOf(a, EXPY.rms).reserved).toBe(1);
  });

  it('cannot be the replacement in a rehost either', () => {
    const a = makeAuthority();
    const { instance } = reserveFor(a, 1, { type: 'SLR', licenses: { [EXPY.rms]: 2 } });
    refusedUnchanged(
      a,
      () => a.ledger.rehost(instance.id, CISCO_REQUEST, 'RMA'),
      'CISCO_REQUEST_NOT_AUTHORIZABLE',
    );
  });
});

describe('moving licences between virtual accounts', () => {
  it('moves purchased counts, creating the licence in the target, and logs it', () => {
    const a = makeAuthority();
    reserveFor(a, 1, { type: 'SLR', licenses: { [UCM.enhanced]: 4 } }, 'ucm');
    a.ledger.drainEvents();
    const rows = a.ledger.moveLicenses('Default', 'Other', { [UCM.enhanced]: 6, [EXPY.rms]: 3 });
    expect(rows.from.find((r) => r.tag === UCM.enhanced)).toMatchObject({
      purchased: 4,
      reserved: 4,
      balance: 0,
    });
    expect(rows.to.map((r) => [r.tag, r.purchased, r.balance])).toEqual(
      expect.arrayContaining([
        [UCM.enhanced, 6, 6],
        [EXPY.rms, 3, 3],
      ]),
    );
    expect(rowOf(a, UCM.enhanced, 'Other')).toMatchObject({ level: 3, version: '12' });
    expect(checkPoolInvariant(a.state)).toEqual([]);
    expect(a.ledger.drainEvents()).toMatchObject([
      {
        type: 'licenses-moved',
        va: 'Other',
        details: { from: 'Default', to: 'Other', licenses: { [UCM.enhanced]: 6, [EXPY.rms]: 3 } },
      },
    ]);
  });

  it('never moves what is reserved or in transit: reserved ≤ purchased stays true', () => {
    const a = makeAuthority();
    reserveFor(a, 1, { type: 'SLR', licenses: { [UCM.enhanced]: 8 } }, 'ucm');
    const facts = refusedUnchanged(
      a,
      () => a.ledger.moveLicenses('Default', 'Other', { [EXPY.rms]: 1, [UCM.enhanced]: 3 }),
      'INSUFFICIENT_BALANCE',
    );
    expect(facts).toMatchObject({ tag: UCM.enhanced, requested: 3, available: 2 });
  });

  it('refuses the same account, nothing to move, a bad count or an unknown licence', () => {
    const a = makeAuthority();
    refusedUnchanged(
      a,
      () => a.ledger.moveLicenses('Default', 'Default', { [EXPY.rms]: 1 }),
      'LICENSE_MOVE_SAME_VA',
    );
    refusedUnchanged(a, () => a.ledger.moveLicenses('Default', 'Other', {}), 'LICENSE_MOVE_EMPTY');
    refusedUnchanged(
      a,
      () => a.ledger.moveLicenses('Default', 'Other', { [EXPY.rms]: 0 }),
      'INVALID_COUNT',
    );
    refusedUnchanged(
      a,
      () => a.ledger.moveLicenses('Other', 'Default', { [EXPY.rms]: 1 }),
      'LICENSE_NOT_FOUND',
    );
    refusedUnchanged(
      a,
      () => a.ledger.moveLicenses('Default', 'Nowhere', { [EXPY.rms]: 1 }),
      'VIRTUAL_ACCOUNT_NOT_FOUND',
    );
  });

  it('refuses a licence the target holds with other details', () => {
    const a = makeAuthority();
    a.ledger.addLicense('Other', {
      tag: EXPY.rms,
      displayName: 'Expressway Rich Media Session',
      type: 'TERM',
      count: 1,
      startDate: '2026-01-01',
      endDate: '2026-12-31',
    });
    refusedUnchanged(
      a,
      () => a.ledger.moveLicenses('Default', 'Other', { [EXPY.rms]: 1 }),
      'LICENSE_CONFLICT',
    );
  });
});

describe('rehost from a failed product', () => {
  it('is TAC’s for Unified CM (seeds 000, 004): refused, and the sentence quotes the guide', () => {
    const a = makeAuthority();
    const { instance } = reserveFor(a, 1, { type: 'SLR', licenses: { [UCM.enhanced]: 2 } }, 'ucm');
    const replacement = requestCodeFor(udiOf(2, 'ucm'), a.deviceRandom);
    expect(
      refusedUnchanged(
        a,
        () => a.ledger.rehost(instance.id, replacement, 'RMA'),
        'REHOST_CONTACT_TAC',
      ),
    ).toEqual({ instanceId: instance.id, productType: 'UCL' });
    const quotes = readFileSync(
      join(import.meta.dirname, '../../fixtures/cisco/seed-quotes.txt'),
      'utf8',
    ).split('\n');
    expect(
      quotes.some(
        (q) =>
          q.startsWith('製品インスタンスは動作不可能') && ja.errors.REHOST_CONTACT_TAC.includes(q),
      ),
    ).toBe(true);
    expect(
      quotes.some(
        (q) =>
          q.startsWith('产品实例不工作') && zh.errors.REHOST_CONTACT_TAC.includes(q.slice(0, 40)),
      ),
    ).toBe(true);
  });

  it('is offered for Expressway, as CSSM does (seed 001)', () => {
    const a = makeAuthority();
    const { instance } = reserveFor(a, 1, { type: 'SLR', licenses: { [EXPY.rms]: 2 } });
    const replacement = requestCodeFor(udiOf(2), a.deviceRandom);
    expect(a.ledger.rehost(instance.id, replacement, 'RMA').instance.licenses).toEqual({
      [EXPY.rms]: 2,
    });
  });
});

describe('CUCM PLR at the desk', () => {
  it('reserves the UCM PLR licence for a UCM request, the Expressway one for an Expressway', () => {
    const a = makeAuthority();
    const ucm = reserveFor(a, 1, { type: 'PLR', exportControl: true }, 'ucm');
    expect(ucm.instance.licenses).toEqual({ [ucmTag('UC Manager PLR with Export Control')]: 1 });
    const expressway = reserveFor(a, 2, { type: 'PLR', exportControl: true });
    expect(expressway.instance.licenses).toEqual({ [EXPY.plrWith]: 1 });
  });

  it('says so when the account has no PLR licence for that product', () => {
    const a = makeAuthority({ count: 0 });
    a.ledger.addLicense('Default', {
      tag: EXPY.plrWithout,
      displayName: 'Expressway PLR without Export Control',
      type: 'PERPETUAL',
      count: 1,
      plr: 'without-export-control',
      productType: 'EXPY',
    });
    const request = requestCodeFor(udiOf(1, 'ucm'), a.deviceRandom);
    expect(
      refusal(() => a.ledger.reserve('Default', request, { type: 'PLR', exportControl: false })),
    ).toMatchObject({ code: 'PLR_LICENSE_NOT_FOUND', facts: { productType: 'UCL' } });
  });
});
