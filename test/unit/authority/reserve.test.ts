import { describe, expect, it } from 'vitest';
import { checkPoolInvariant } from '../../../shared/authority/invariant.ts';
import {
  decodeAuthorizationCode,
  verifyAuthorizationSignature,
} from '../../../shared/codes/authorization.ts';
import { encodeRequestCode } from '../../../shared/codes/request-code.ts';
import { udiKey } from '../../../shared/codes/udi.ts';
import { expresswayUdi } from '../../support/codes.ts';
import { authorityKeys } from '../../support/ports.ts';
import {
  EXPY,
  TERM_TAG,
  UCM,
  makeAuthority,
  refusedUnchanged,
  requestCodeFor,
  reserveFor,
  rowOf,
  udiOf,
} from '../../support/authority.ts';

const slr = (licenses: Record<string, number>, sme?: boolean) =>
  ({ type: 'SLR', licenses, ...(sme === undefined ? {} : { sme }) }) as const;

describe('request preview (wizard step 1 → 2)', () => {
  it('reads the UDI, product type and instance name from a request code', () => {
    const a = makeAuthority();
    const code = encodeRequestCode({ ...expresswayUdi, sn: '0B070519' }, 'ABCDEFGHJK');
    expect(a.ledger.previewRequest(code)).toEqual({
      udi: { ...expresswayUdi, sn: '0B070519' },
      udiKey: 'P:Expressway,S:0B070519,V:1.0,H:320aa69d',
      productType: 'EXPY',
      instanceName: 'UDI_PID:Expressway; UDI_SN:0B070519; UDI_VID:1.0;',
      checkVerified: true,
      ciscoProduct: false,
    });
  });

  it("says when a Cisco device's check group cannot be verified, and which instance holds the UDI", () => {
    const a = makeAuthority();
    const { instance } = reserveFor(a, 1, slr({ [EXPY.rms]: 1 }));
    const udi = udiOf(1);
    const cisco = `CB-PExpressway,S${udi.sn},V1.0,H${udi.hostId}-A7C3VJCJF-AE`;
    expect(a.ledger.previewRequest(cisco)).toMatchObject({
      productType: 'EXPY',
      checkVerified: false,
      ciscoProduct: true,
      existingInstanceId: instance.id,
    });
  });
});

describe('reserve: SLR', () => {
  it('reserves chosen licenses for one UDI and issues a signed SLR code with a confirmation code', () => {
    const a = makeAuthority();
    const r = reserveFor(a, 7, slr({ [UCM.enhanced]: 4, [UCM.basic]: 2 }), 'ucm');
    expect(r.instance).toMatchObject({
      udi: udiKey(r.udi),
      name: `UDI_PID:UCM; UDI_SN:${r.udi.sn};`,
      productType: 'UCL',
      va: 'Default',
      state: 'reserved',
      reservationType: 'SLR',
      licenses: { [UCM.enhanced]: 4, [UCM.basic]: 2 },
      confirmed: false,
      sequence: 1,
      authorizationCode: r.authorizationCode,
      createdAt: a.clock.now(),
      lastContact: a.clock.now(),
    });
    expect(r.instance.id).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(r.confirmationCode).toMatch(/^[0-9a-f]{8}$/);
    const auth = decodeAuthorizationCode(r.authorizationCode);
    expect(verifyAuthorizationSignature(auth, authorityKeys.verifier)).toBe('valid');
    expect(auth).toMatchObject({
      type: 'SLR',
      origin: 'airlock',
      piid: r.instance.id,
      sequence: 1,
    });
    if (auth.type !== 'SLR') throw new Error('SLR expected');
    expect(auth.entitlements.map((e) => [e.tag, e.count, e.displayName])).toEqual([
      [UCM.basic, 2, 'UC Manager Basic License (12.x)'],
      [UCM.enhanced, 4, 'UC Manager Enhanced License (12.x)'],
    ]);
    expect(rowOf(a, UCM.enhanced)).toMatchObject({ reserved: 4, balance: 6 });
    expect(a.ledger.drainEvents()).toMatchObject([
      { type: 'reserved', va: 'Default', instanceId: r.instance.id, udi: udiKey(r.udi) },
    ]);
    expect(checkPoolInvariant(a.state)).toEqual([]);
  });

  it('carries TERM dates and the export-controlled flag into the code', () => {
    const a = makeAuthority();
    a.ledger.addLicense('Default', {
      tag: TERM_TAG,
      displayName: 'Lab Term',
      type: 'TERM',
      count: 2,
      startDate: '2026-01-01',
      endDate: '2026-06-30',
    });
    const r = reserveFor(a, 1, slr({ [TERM_TAG]: 1, [EXPY.accountSecurity]: 1 }));
    const auth = decodeAuthorizationCode(r.authorizationCode);
    if (auth.type !== 'SLR') throw new Error('SLR expected');
    expect(auth.entitlements).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          tag: TERM_TAG,
          licenseType: 'TERM',
          startDate: '2026-01-01',
          endDate: '2026-06-30',
        }),
        expect.objectContaining({ tag: EXPY.accountSecurity, exportControlled: true }),
      ]),
    );
  });

  it('reserves the whole balance', () => {
    const a = makeAuthority();
    reserveFor(a, 1, slr({ [UCM.cuwl]: 10 }), 'ucm');
    expect(rowOf(a, UCM.cuwl).balance).toBe(0);
  });

  it('gives an SME instance its minimum set', () => {
    const a = makeAuthority();
    const r = reserveFor(a, 1, slr({ [UCM.essential]: 1, [UCM.basic]: 5 }, true), 'ucm');
    expect(r.instance.sme).toBe(true);
  });
});

describe('reserve: PLR', () => {
  it('consumes one count of the PLR license of the chosen variant, with no confirmation code', () => {
    const a = makeAuthority();
    for (let n = 1; n <= 4; n++) reserveFor(a, n, { type: 'PLR', exportControl: false });
    const r = reserveFor(a, 5, { type: 'PLR', exportControl: true });
    expect(rowOf(a, EXPY.plrWithout)).toMatchObject({ purchased: 10, reserved: 4, balance: 6 });
    expect(rowOf(a, EXPY.plrWith)).toMatchObject({ reserved: 1, balance: 9 });
    expect(r.confirmationCode).toBeUndefined();
    expect(r.instance).toMatchObject({
      reservationType: 'PLR',
      exportControl: true,
      licenses: { [EXPY.plrWith]: 1 },
      confirmed: true,
    });
    const auth = decodeAuthorizationCode(r.authorizationCode);
    expect(auth).toMatchObject({ type: 'PLR', exportControl: true, sequence: 1 });
    expect(verifyAuthorizationSignature(auth, authorityKeys.verifier)).toBe('valid');
  });
});

describe('reserve: refusals change nothing', () => {
  const request = (n = 1) => encodeRequestCode(udiOf(n), 'ABCDEFGHJK');

  it('refuses while reservation is not enabled on the smart account', () => {
    const a = makeAuthority({ enabled: false });
    refusedUnchanged(
      a,
      () => a.ledger.reserve('Default', request(), slr({ [EXPY.rms]: 1 })),
      'RESERVATION_NOT_ENABLED',
    );
  });

  it('refuses while the authority key is locked', () => {
    const a = makeAuthority({ signer: null });
    refusedUnchanged(
      a,
      () => a.ledger.reserve('Default', request(), slr({ [EXPY.rms]: 1 })),
      'AUTHORITY_KEY_LOCKED',
    );
  });

  it('refuses a malformed request code', () => {
    const a = makeAuthority();
    refusedUnchanged(
      a,
      () => a.ledger.reserve('Default', 'CB-nonsense', slr({ [EXPY.rms]: 1 })),
      'REQUEST_CODE_MALFORMED',
    );
  });

  it('refuses a request code with a typo its check group catches', () => {
    const a = makeAuthority();
    const good = request();
    const typo = good.replace('ABCDEFGHJK', 'ABCDEFGHKJ');
    refusedUnchanged(
      a,
      () => a.ledger.reserve('Default', typo, slr({ [EXPY.rms]: 1 })),
      'REQUEST_CODE_CHECK_FAILED',
    );
  });

  it('refuses an unknown virtual account', () => {
    const a = makeAuthority();
    refusedUnchanged(
      a,
      () => a.ledger.reserve('Nowhere', request(), slr({ [EXPY.rms]: 1 })),
      'VIRTUAL_ACCOUNT_NOT_FOUND',
    );
  });

  it('refuses a second reservation for the same UDI and changes nothing', () => {
    const a = makeAuthority();
    const first = reserveFor(a, 1, slr({ [EXPY.rms]: 1 }));
    const again = requestCodeFor(udiOf(1), a.deviceRandom);
    const facts = refusedUnchanged(
      a,
      () => a.ledger.reserve('Default', again, { type: 'PLR', exportControl: false }),
      'UDI_ALREADY_RESERVED',
    );
    expect(facts.instanceId).toBe(first.instance.id);
  });

  it('refuses an unknown license', () => {
    const a = makeAuthority();
    refusedUnchanged(
      a,
      () => a.ledger.reserve('Default', request(), slr({ 'regid.2020-01.com.example.X,1_0': 1 })),
      'LICENSE_NOT_FOUND',
    );
  });

  it.each([0, -2, 1.5, Number.NaN])('refuses a count of %d', (count) => {
    const a = makeAuthority();
    refusedUnchanged(
      a,
      () => a.ledger.reserve('Default', request(), slr({ [EXPY.rms]: count })),
      'INVALID_COUNT',
    );
  });

  it('refuses an empty selection', () => {
    const a = makeAuthority();
    refusedUnchanged(a, () => a.ledger.reserve('Default', request(), slr({})), 'EMPTY_SELECTION');
  });

  it('refuses more than the balance: "ensure you have a surplus"', () => {
    const a = makeAuthority();
    reserveFor(a, 2, slr({ [UCM.basic]: 7 }), 'ucm');
    const facts = refusedUnchanged(
      a,
      () =>
        a.ledger.reserve('Default', request(), {
          ...slr({ [EXPY.rms]: 1, [UCM.basic]: 4 }),
          anyProduct: true,
        }),
      'INSUFFICIENT_BALANCE',
    );
    expect(facts).toEqual({ tag: UCM.basic, requested: 4, available: 3 });
  });

  it('refuses a TERM license past its end date', () => {
    const a = makeAuthority();
    a.ledger.addLicense('Default', {
      tag: TERM_TAG,
      displayName: 'Lab Term',
      type: 'TERM',
      count: 2,
      startDate: '2025-01-01',
      endDate: '2026-01-14',
    });
    const facts = refusedUnchanged(
      a,
      () => a.ledger.reserve('Default', request(), slr({ [TERM_TAG]: 1 })),
      'LICENSE_EXPIRED',
    );
    expect(facts.endDate).toBe('2026-01-14');
  });

  it('refuses a PLR license asked for by count under SLR', () => {
    const a = makeAuthority();
    refusedUnchanged(
      a,
      () => a.ledger.reserve('Default', request(), slr({ [EXPY.plrWith]: 1 })),
      'LICENSE_IS_PLR',
    );
  });

  it('refuses a license its catalog gives another product, unless that is meant', () => {
    const a = makeAuthority();
    const facts = refusedUnchanged(
      a,
      () => a.ledger.reserve('Default', request(), slr({ [UCM.basic]: 1 })),
      'LICENSE_OTHER_PRODUCT',
    );
    expect(facts).toMatchObject({ tag: UCM.basic, licenseProduct: 'UCL', productType: 'EXPY' });
    const meant = a.ledger.reserve('Default', request(2), {
      ...slr({ [UCM.basic]: 1 }),
      anyProduct: true,
    });
    expect(meant.instance.licenses).toEqual({ [UCM.basic]: 1 });
    // A license added by hand names no product: it fits any.
    a.ledger.addLicense('Default', {
      tag: 'LAB_ANY',
      displayName: 'Lab any',
      type: 'PERPETUAL',
      count: 2,
    });
    expect(a.ledger.reserve('Default', request(3), slr({ LAB_ANY: 1 })).instance.licenses).toEqual({
      LAB_ANY: 1,
    });
  });

  it('refuses an SME without its minimum set', () => {
    const a = makeAuthority();
    const facts = refusedUnchanged(
      a,
      () =>
        a.ledger.reserve(
          'Default',
          encodeRequestCode(udiOf(1, 'ucm'), 'ABCDEFGHJK'),
          slr({ [UCM.basic]: 5 }, true),
        ),
      'SME_MINIMUM_NOT_MET',
    );
    expect(facts).toEqual({
      tag: UCM.essential,
      displayName: 'UC Manager Essential License (12.x)',
      required: 1,
      requested: 0,
    });
  });

  it('refuses PLR when the virtual account has no PLR license of that variant', () => {
    const a = makeAuthority();
    refusedUnchanged(
      a,
      () => a.ledger.reserve('Other', request(), { type: 'PLR', exportControl: true }),
      'PLR_LICENSE_NOT_FOUND',
    );
  });

  it('refuses PLR when its balance is 0', () => {
    const a = makeAuthority({ count: 1 });
    reserveFor(a, 2, { type: 'PLR', exportControl: false });
    const facts = refusedUnchanged(
      a,
      () => a.ledger.reserve('Default', request(), { type: 'PLR', exportControl: false }),
      'INSUFFICIENT_BALANCE',
    );
    expect(facts).toEqual({ tag: EXPY.plrWithout, requested: 1, available: 0 });
  });

  it('refuses a selection of neither kind', () => {
    const a = makeAuthority();
    const bad = { type: 'ULR' } as unknown as Parameters<typeof a.ledger.reserve>[2];
    refusedUnchanged(a, () => a.ledger.reserve('Default', request(), bad), 'SELECTION_INVALID');
  });
});
