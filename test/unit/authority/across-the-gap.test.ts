// The authority and the emulated product agent, talking only through the codes they print.
import { describe, expect, it } from 'vitest';
import { checkPoolInvariant } from '../../../shared/authority/invariant.ts';
import { requestingDevice } from '../../support/agent.ts';
import { EXPY, UCM, makeAuthority, rowOf } from '../../support/authority.ts';

describe('across the gap', () => {
  it('SLR: request → authorization → install → confirmation → update → return releases everything', () => {
    const a = makeAuthority();
    const device = requestingDevice('ucm');
    const r = a.ledger.reserve('Default', device.requestCode, {
      type: 'SLR',
      licenses: { [UCM.enhanced]: 4 },
    });
    const installed = device.agent.install(r.authorizationCode);
    expect(installed.confirmationCode).toBe(r.confirmationCode);
    a.ledger.confirm(r.instance.id, installed.confirmationCode!);

    const u = a.ledger.update(r.instance.id, { [UCM.enhanced]: 2, [UCM.basic]: 3 });
    const updated = device.agent.install(u.authorizationCode);
    expect(updated.update).toBe(true);
    expect(a.ledger.confirm(r.instance.id, updated.confirmationCode!).state).toBe('reserved');
    expect(rowOf(a, UCM.enhanced)).toMatchObject({ reserved: 2, inTransit: 0 });

    const { returnCode } = device.agent.returnReservation();
    expect(a.ledger.remove(r.instance.id, returnCode).state).toBe('removed');
    expect(rowOf(a, UCM.basic)).toMatchObject({ reserved: 0, balance: 10 });
    expect(checkPoolInvariant(a.state)).toEqual([]);
  });

  it('an authorization the device never installed comes back with return-authorization', () => {
    const a = makeAuthority();
    const device = requestingDevice('expressway');
    const r = a.ledger.reserve('Default', device.requestCode, {
      type: 'SLR',
      licenses: { [EXPY.rms]: 2 },
    });
    device.agent.cancel();
    const { returnCode } = device.agent.returnAuthorization(r.authorizationCode);
    expect(a.ledger.remove(r.instance.id, returnCode).state).toBe('removed');
    expect(rowOf(a, EXPY.rms).reserved).toBe(0);
  });

  it('PLR: installs with no confirmation, and its return releases the PLR license', () => {
    const a = makeAuthority();
    const device = requestingDevice('expressway');
    const r = a.ledger.reserve('Default', device.requestCode, { type: 'PLR', exportControl: true });
    expect(device.agent.install(r.authorizationCode).confirmationCode).toBeUndefined();
    expect(device.agent.status().registrationStatus).toBe(
      'Registered - Universal License Reservation',
    );
    a.ledger.remove(r.instance.id, device.agent.returnReservation().returnCode);
    expect(rowOf(a, EXPY.plrWith)).toMatchObject({ reserved: 0, balance: 10 });
  });
});
