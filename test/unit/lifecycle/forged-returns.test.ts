// An attacker holding everything that crossed the gap — request, authorization and confirmation
// codes, the transfer files that carried them, even the device's earlier return codes — tries to
// make a return code the desk accepts while the device keeps its licences. Every attempt is
// refused and changes nothing; the device's own return is accepted.
import { describe, expect, it } from 'vitest';
import { removeMany } from '../../../shared/authority/batch.ts';
import { CATALOGS } from '../../../shared/catalog/index.ts';
import {
  authorizationDigest,
  decodeAuthorizationCode,
} from '../../../shared/codes/authorization.ts';
import { writeUint } from '../../../shared/codes/bytes.ts';
import { confirmationCodeFor } from '../../../shared/codes/confirmation-code.ts';
import { encodeGrouped } from '../../../shared/codes/grouped-code.ts';
import { encodeRequestCode } from '../../../shared/codes/request-code.ts';
import {
  RETURN_SPEC,
  decodeReturnCode,
  encodeReturnCode,
} from '../../../shared/codes/return-code.ts';
import {
  RETURN_CHAIN_LENGTH as L,
  RETURN_SEQUENCE_LIMIT as S,
  verifyReturnOpening,
  walkChain,
} from '../../../shared/codes/return-key.ts';
import { UCM, udiOf } from '../../support/authority.ts';
import { ucmUdi } from '../../support/codes.ts';
import { TestClock, hasher } from '../../support/ports.ts';
import {
  DESK,
  type Desk,
  SITE,
  type SiteDevice,
  carry,
  carryOne,
  expectAllReturned,
  expectRefused,
  expectSound,
  holdings,
  newDesk,
  newDevice,
} from '../../support/lifecycle.ts';

const VA = 'Collaboration';

function world() {
  const clock = new TestClock();
  const desk = newDesk(clock);
  desk.ledger.setReservationEnabled(true);
  desk.ledger.addVirtualAccount(VA);
  desk.ledger.loadCatalog(VA, CATALOGS.ucm, 10);
  return { clock, desk, purchased: holdings(desk, VA) };
}

/** A device-bound return code made by hand: any points, any position, any flags. */
function craft(fields: {
  position: number;
  sequence: number;
  neverInstalled: boolean;
  a: Uint8Array;
  b: Uint8Array;
  plr?: boolean;
}): string {
  const head = 0x20 | (fields.neverInstalled ? 1 : 0) | (fields.plr ? 2 : 0);
  return encodeGrouped(
    RETURN_SPEC,
    Uint8Array.from([
      head,
      fields.position,
      fields.sequence,
      ...writeUint(Date.UTC(2026, 1, 1) / 1000, 4),
      ...fields.a,
      ...fields.b,
    ]),
  );
}

function openingOf(code: string) {
  const decoded = decodeReturnCode(code);
  if (decoded.version !== 2) throw new Error('expected a device-bound return code');
  return decoded.opening;
}

const INSTALLED = (sequence: number) => S + 1 + sequence;
const FINISHED = S + 1;

/** The whole first trip, keeping every file that crossed. */
function reserveKeepingFiles(clock: TestClock, desk: Desk, device: SiteDevice, count: number) {
  const files: string[] = [];
  device.agent.enable();
  const requestCode = device.agent.request().requestCode;
  const requestFile = carry(clock, SITE, [{ kind: 'request', code: requestCode, udi: device.key }]);
  files.push(requestFile.text);
  const reserved = desk.ledger.reserve(VA, requestFile.entries[0]!.code, {
    type: 'SLR',
    licenses: { [UCM.enhanced]: count },
  });
  const authFile = carry(clock, DESK, [
    { kind: 'authorization', code: reserved.authorizationCode, udi: device.key },
  ]);
  files.push(authFile.text);
  const authorizationCode = authFile.entries[0]!.code;
  const confirmationCode = device.agent.install(authorizationCode).confirmationCode!;
  const confirmationFile = carry(clock, SITE, [
    { kind: 'confirmation', code: confirmationCode, udi: device.key },
  ]);
  files.push(confirmationFile.text);
  desk.ledger.confirm(reserved.instance.id, confirmationFile.entries[0]!.code);
  desk.drainEvents();
  return { id: reserved.instance.id, requestCode, authorizationCode, confirmationCode, files };
}

describe('forging a return code from what crossed the gap', () => {
  it('the issue’s script, guessed keys and random points: every forgery is refused and nothing changes; the device’s own return releases the ten licences', () => {
    const { clock, desk, purchased } = world();
    const pub = newDevice(clock, 'ucm', ucmUdi);
    const trip = reserveKeepingFiles(clock, desk, pub, 10);
    expect(holdings(desk, VA)[UCM.enhanced]).toMatchObject({ reserved: 10, balance: 0 });
    const auth = decodeAuthorizationCode(trip.authorizationCode);

    // The script: a return code computed from the authorization code file alone.
    for (const neverInstalled of [false, true]) {
      const scripted = encodeReturnCode(
        {
          udi: ucmUdi,
          authorizationDigest: authorizationDigest(auth, hasher),
          reservationType: 'SLR',
          neverInstalled,
          timestamp: clock.now(),
        },
        hasher,
      );
      expectRefused(
        'RETURN_CODE_BINDING_MISSING',
        () => desk.ledger.remove(trip.id, scripted),
        desk,
      );
    }

    // Keys guessed from everything public: each text that crossed, hashed into a seed or taken
    // as chain points, at every position the key has.
    const publicTexts = [
      trip.requestCode,
      trip.authorizationCode,
      trip.confirmationCode,
      ...trip.files,
      desk.state.instances[trip.id]!.requestNonce,
    ];
    for (const text of publicTexts) {
      const digest = hasher.sha256(new TextEncoder().encode(text));
      const a = digest.slice(0, 12);
      const b = digest.slice(12, 24);
      for (let position = 1; position <= L; position++) {
        const installed = position > FINISHED;
        const sequence = position <= S ? position : installed ? position - FINISHED : 1;
        const forged = craft({ position, sequence, neverInstalled: !installed, a, b });
        expectRefused(
          'RETURN_CODE_NOT_FROM_DEVICE',
          () => desk.ledger.remove(trip.id, forged),
          desk,
        );
      }
    }
    // Other codes that crossed, entered as a return code.
    for (const code of [trip.requestCode, trip.authorizationCode, trip.confirmationCode])
      expectRefused('RETURN_CODE_MALFORMED', () => desk.ledger.remove(trip.id, code), desk);
    expect(holdings(desk, VA)[UCM.enhanced]).toMatchObject({ reserved: 10, balance: 0 });
    expectSound(desk);

    // The device's own return code, carried in a transfer file: the ten licences come back.
    const returned = carryOne(clock, SITE, {
      kind: 'return',
      code: pub.agent.returnReservation().returnCode,
      udi: pub.key,
    });
    expect(
      verifyReturnOpening(trip.requestCode.split('-').at(-2)!, ucmUdi, openingOf(returned), hasher),
    ).toBe(true);
    expect(desk.ledger.remove(trip.id, returned)).toMatchObject({ state: 'removed' });
    expectAllReturned(desk, VA);
    expect(holdings(desk, VA)).toEqual(purchased);
  });

  it('an update returned unused while the older code stays installed: nothing derived from that return releases the installed code', () => {
    const { clock, desk, purchased } = world();
    const pub = newDevice(clock, 'ucm', ucmUdi);
    const trip = reserveKeepingFiles(clock, desk, pub, 6);

    // Update 2 is issued; the device keeps sequence 1 and returns the update unused.
    const up = desk.ledger.update(trip.id, { [UCM.enhanced]: 9 });
    const upCode = carryOne(clock, DESK, { kind: 'authorization', code: up.authorizationCode });
    const withdrawal = carryOne(clock, SITE, {
      kind: 'return',
      code: pub.agent.returnAuthorization(upCode).returnCode,
    });
    expect(decodeReturnCode(withdrawal)).toMatchObject({
      statement: { kind: 'withdraw', sequence: 2 },
    });
    expect(desk.ledger.remove(trip.id, withdrawal)).toMatchObject({
      state: 'reserved',
      licenses: { [UCM.enhanced]: 6 },
    });
    expect(holdings(desk, VA)[UCM.enhanced]).toMatchObject({ reserved: 6, inTransit: 0 });
    expect(pub.agent.status().installed?.sequence).toBe(1);
    desk.drainEvents();

    // The attacker has that return code too. Its points at other positions do not open the key.
    const { a, b } = openingOf(withdrawal);
    const attempts = [
      craft({ position: INSTALLED(1), sequence: 1, neverInstalled: false, a, b }),
      craft({ position: FINISHED, sequence: 1, neverInstalled: true, a, b }),
      craft({ position: FINISHED, sequence: 1, neverInstalled: false, a, b }),
      craft({ position: 1, sequence: 1, neverInstalled: true, a, b }),
    ];
    // Walking the chains as anyone can (A up, B down) reaches no other position either: the
    // return of the installed code sits above, and B cannot be walked back up to it.
    const up1 = (to: number) => walkChain('a', ucmUdi, 2, to, a, hasher);
    const bDown = (to: number) => walkChain('b', ucmUdi, L - 2, L - to, b, hasher);
    attempts.push(
      craft({
        position: INSTALLED(1),
        sequence: 1,
        neverInstalled: false,
        a: up1(INSTALLED(1)),
        b,
      }),
      craft({ position: FINISHED, sequence: 1, neverInstalled: true, a: up1(FINISHED), b }),
      craft({ position: 1, sequence: 1, neverInstalled: true, a, b: bDown(1) }),
      craft({ position: 3, sequence: 3, neverInstalled: true, a: up1(3), b }),
    );
    for (const forged of attempts)
      expectRefused('RETURN_CODE_NOT_FROM_DEVICE', () => desk.ledger.remove(trip.id, forged), desk);
    // The withdrawal itself, entered again, has nothing left to withdraw.
    expectRefused('RETURN_CODE_STALE', () => desk.ledger.remove(trip.id, withdrawal), desk);
    expect(holdings(desk, VA)[UCM.enhanced]).toMatchObject({ reserved: 6, inTransit: 0 });
    expectSound(desk);

    // The device's own return of what it runs releases everything.
    const returned = carryOne(clock, SITE, {
      kind: 'return',
      code: pub.agent.returnReservation().returnCode,
    });
    expect(decodeReturnCode(returned)).toMatchObject({
      statement: { kind: 'installed', sequence: 1 },
    });
    expect(desk.ledger.remove(trip.id, returned)).toMatchObject({ state: 'removed' });
    expectAllReturned(desk, VA);
    expect(holdings(desk, VA)).toEqual(purchased);
  });

  it('two updates returned unused around an installed one: what lies between them opens, but withdraws nothing pending, and the installed code’s return stays out of reach', () => {
    const { clock, desk } = world();
    const pub = newDevice(clock, 'ucm', ucmUdi);
    const trip = reserveKeepingFiles(clock, desk, pub, 2);
    const returnUnused = (licenses: Record<string, number>) => {
      const up = desk.ledger.update(trip.id, licenses);
      const code = pub.agent.returnAuthorization(up.authorizationCode).returnCode;
      desk.ledger.remove(trip.id, code);
      return code;
    };
    const second = returnUnused({ [UCM.enhanced]: 3 });
    // Update 3 installed and confirmed.
    const third = desk.ledger.update(trip.id, { [UCM.enhanced]: 8 });
    const installed = pub.agent.install(third.authorizationCode);
    desk.ledger.confirm(trip.id, installed.confirmationCode!);
    const fourth = returnUnused({ [UCM.enhanced]: 9 });
    desk.drainEvents();
    expect(desk.ledger.instance(trip.id)).toMatchObject({
      state: 'reserved',
      sequence: 3,
      licenses: { [UCM.enhanced]: 8 },
    });

    // From withdrawals 2 and 4, position 3 can be computed (A up from 2, B down from 4) …
    const two = openingOf(second);
    const four = openingOf(fourth);
    const a3 = walkChain('a', ucmUdi, 2, 3, two.a, hasher);
    const b3 = walkChain('b', ucmUdi, L - 4, L - 3, four.b, hasher);
    expect(
      verifyReturnOpening(
        desk.state.instances[trip.id]!.requestNonce,
        ucmUdi,
        { position: 3, a: a3, b: b3 },
        hasher,
      ),
    ).toBe(true);
    // … but a withdrawal withdraws only the pending update, and 3 is not pending; it is current
    // and confirmed, so the code contradicts that confirmation and is refused.
    const between = craft({ position: 3, sequence: 3, neverInstalled: true, a: a3, b: b3 });
    expectRefused(
      'RETURN_CODE_CONTRADICTS_CONFIRMATION',
      () => desk.ledger.remove(trip.id, between),
      desk,
    );
    // Withdrawal 2 derived again from the two, entered again: nothing pending to withdraw.
    const again = craft({ position: 2, sequence: 2, neverInstalled: true, a: two.a, b: two.b });
    expectRefused('RETURN_CODE_STALE', () => desk.ledger.remove(trip.id, again), desk);
    // Nothing above position S can be reached from withdrawals: the installed code stays held.
    const aHigh = walkChain('a', ucmUdi, 4, INSTALLED(3), four.a, hasher);
    for (const [position, neverInstalled] of [
      [INSTALLED(3), false],
      [FINISHED, true],
    ] as const)
      expectRefused(
        'RETURN_CODE_NOT_FROM_DEVICE',
        () =>
          desk.ledger.remove(
            trip.id,
            craft({ position, sequence: 3, neverInstalled, a: aHigh, b: four.b }),
          ),
        desk,
      );
    expect(holdings(desk, VA)[UCM.enhanced]).toMatchObject({ reserved: 8 });
    expect(desk.ledger.remove(trip.id, pub.agent.returnReservation().returnCode)).toMatchObject({
      state: 'removed',
    });
  });

  it('a confirmation computed from the authorization code alone is the residual risk; the device’s later returns expose it and release nothing', () => {
    const { clock, desk } = world();
    const pub = newDevice(clock, 'ucm', ucmUdi);
    const trip = reserveKeepingFiles(clock, desk, pub, 10);
    // An update down to 2, never installed; its confirmation computed without the device.
    const down = desk.ledger.update(trip.id, { [UCM.enhanced]: 2 });
    const digest = authorizationDigest(decodeAuthorizationCode(down.authorizationCode), hasher);
    const forgedConfirmation = confirmationCodeFor(digest, ucmUdi, hasher);
    expect(desk.ledger.confirm(trip.id, forgedConfirmation)).toMatchObject({
      state: 'reserved',
      licenses: { [UCM.enhanced]: 2 },
    });
    expect(holdings(desk, VA)[UCM.enhanced]).toMatchObject({ reserved: 2 });
    desk.drainEvents();

    // The device still runs sequence 1 (ten licences). Its return of the update, unused, proves
    // the confirmation was not its own: refused, nothing released.
    const withdrawal = pub.agent.returnAuthorization(down.authorizationCode).returnCode;
    expect(
      expectRefused(
        'RETURN_CODE_CONTRADICTS_CONFIRMATION',
        () => desk.ledger.remove(trip.id, withdrawal),
        desk,
      ),
    ).toEqual({ instanceId: trip.id, sequence: 2 });
    // Its return of what it runs names sequence 1, older than the confirmed one: refused as
    // stale, so no licences are released on the strength of the forged confirmation.
    const returned = pub.agent.returnReservation().returnCode;
    expectRefused('RETURN_CODE_STALE', () => desk.ledger.remove(trip.id, returned), desk);
    expect(holdings(desk, VA)[UCM.enhanced]).toMatchObject({ reserved: 2 });
  });

  it('a batch of return codes: each forgery refused on its own, the genuine ones released', () => {
    const { clock, desk } = world();
    const devices = [1, 2, 3].map((n) => newDevice(clock, 'ucm', udiOf(n, 'ucm'), { seed: n }));
    const trips = devices.map((d) => reserveKeepingFiles(clock, desk, d, 2));
    const genuine = devices.map((d) => d.agent.returnReservation().returnCode);
    const points = openingOf(genuine[0]!);
    const items = [
      { instanceId: trips[0]!.id, code: genuine[1]! }, // another device's code
      { udi: devices[1]!.key, code: genuine[1]! },
      {
        instanceId: trips[2]!.id,
        code: craft({
          position: INSTALLED(1),
          sequence: 1,
          neverInstalled: false,
          a: points.a,
          b: points.b,
        }),
      },
      { instanceId: trips[0]!.id, code: genuine[0]! },
    ];
    const results = removeMany(desk.ledger, items);
    expect(results.map((r) => (r.ok ? 'ok' : r.error!.code))).toEqual([
      'RETURN_CODE_NOT_FROM_DEVICE',
      'ok',
      'RETURN_CODE_NOT_FROM_DEVICE',
      'ok',
    ]);
    expect(desk.ledger.instance(trips[2]!.id).state).toBe('reserved');
    expect(desk.ledger.remove(trips[2]!.id, genuine[2]!)).toMatchObject({ state: 'removed' });
    expectAllReturned(desk, VA);
  });

  it('a PLR reservation: the script’s code and guessed points are refused, the device’s return accepted', () => {
    const { clock, desk, purchased } = world();
    const exp = newDevice(clock, 'ucm', ucmUdi);
    exp.agent.enable();
    const request = exp.agent.request().requestCode;
    const reserved = desk.ledger.reserve(VA, request, { type: 'PLR', exportControl: false });
    exp.agent.install(reserved.authorizationCode);
    const auth = decodeAuthorizationCode(reserved.authorizationCode);
    const scripted = encodeReturnCode(
      {
        udi: ucmUdi,
        authorizationDigest: authorizationDigest(auth, hasher),
        reservationType: 'PLR',
        neverInstalled: false,
        timestamp: clock.now(),
      },
      hasher,
    );
    expectRefused(
      'RETURN_CODE_BINDING_MISSING',
      () => desk.ledger.remove(reserved.instance.id, scripted),
      desk,
    );
    const seedless = hasher.sha256(new TextEncoder().encode(reserved.authorizationCode));
    const guessed = craft({
      position: INSTALLED(1),
      sequence: 1,
      neverInstalled: false,
      plr: true,
      a: seedless.slice(0, 12),
      b: seedless.slice(12, 24),
    });
    expectRefused(
      'RETURN_CODE_NOT_FROM_DEVICE',
      () => desk.ledger.remove(reserved.instance.id, guessed),
      desk,
    );
    const returned = exp.agent.returnReservation().returnCode;
    expect(decodeReturnCode(returned)).toMatchObject({
      reservationType: 'PLR',
      statement: { kind: 'installed', sequence: 1 },
    });
    expect(desk.ledger.remove(reserved.instance.id, returned)).toMatchObject({ state: 'removed' });
    expect(holdings(desk, VA)).toEqual(purchased);
  });
});

describe('device-bound reservations at the desk', () => {
  it('stop at 32 authorizations: the next update asks for a fresh request, and changes nothing', () => {
    const { clock, desk } = world();
    const pub = newDevice(clock, 'ucm', ucmUdi);
    const trip = reserveKeepingFiles(clock, desk, pub, 1);
    for (let n = 2; n <= S; n++) {
      const up = desk.ledger.update(trip.id, { [UCM.enhanced]: n % 2 === 0 ? 2 : 1 });
      desk.ledger.confirm(trip.id, pub.agent.install(up.authorizationCode).confirmationCode!);
    }
    expect(desk.ledger.instance(trip.id).sequence).toBe(S);
    expect(
      expectRefused(
        'UPDATE_LIMIT_REACHED',
        () => desk.ledger.update(trip.id, { [UCM.enhanced]: 3 }),
        desk,
      ),
    ).toEqual({ instanceId: trip.id, limit: S });
    expect(desk.ledger.remove(trip.id, pub.agent.returnReservation().returnCode)).toMatchObject({
      state: 'removed',
    });
  });

  it('a reservation made from a request printed before device-bound returns takes the older code, and no other', () => {
    const { clock, desk, purchased } = world();
    const old = newDevice(clock, 'ucm', ucmUdi);
    old.agent.enable();
    // A device stored before this change: a pending request with a 10-character nonce, no key.
    const nonce = 'ABCDEFGHJK';
    const requestCode = encodeRequestCode(ucmUdi, nonce);
    old.state.reservation = {
      mode: 'enabled',
      pending: { nonce, code: requestCode, requestedAt: clock.now() },
    };
    const reserved = desk.ledger.reserve(VA, requestCode, {
      type: 'SLR',
      licenses: { [UCM.enhanced]: 3 },
    });
    old.agent.install(reserved.authorizationCode);
    desk.drainEvents();
    // A device-bound code answers no such reservation.
    const other = newDevice(clock, 'ucm', udiOf(9, 'ucm'), { seed: 9 });
    reserveKeepingFiles(clock, desk, other, 1);
    const bound = other.agent.returnReservation().returnCode;
    expectRefused(
      'RETURN_CODE_MISMATCH',
      () => desk.ledger.remove(reserved.instance.id, bound),
      desk,
    );
    // The device returns it with the older code, as it always did.
    const returned = old.agent.returnReservation().returnCode;
    expect(decodeReturnCode(returned).version).toBe(1);
    expect(desk.ledger.remove(reserved.instance.id, returned)).toMatchObject({ state: 'removed' });
    desk.ledger.remove(desk.ledger.activeInstanceFor(other.key)!.id, bound);
    expect(holdings(desk, VA)).toEqual(purchased);
  });
});
