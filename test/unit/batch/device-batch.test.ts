import { describe, expect, it } from 'vitest';
import { AuthorityLedger, createAuthorityState } from '../../../shared/authority/index.ts';
import { ProductAgent, createDeviceState } from '../../../shared/agent/index.ts';
import { indexByUdi, installMany, returnMany } from '../../../shared/batch/device-batch.ts';
import { CATALOGS } from '../../../shared/catalog/index.ts';
import { decodeReturnCode } from '../../../shared/codes/return-code.ts';
import { TestClock, SeededRandom, authorityKeys, hasher } from '../../support/ports.ts';

const clock = new TestClock();
const random = new SeededRandom(42);

function fleet(size: number): ProductAgent[] {
  return Array.from({ length: size }, (_, i) => {
    const state = createDeviceState({
      udi: { pid: 'Expressway', sn: `SN${String(i).padStart(5, '0')}`, vid: '1.0' },
      product: 'expressway',
      now: clock.now(),
    });
    const agent = new ProductAgent(state, {
      clock,
      random,
      hasher,
      verifier: authorityKeys.verifier,
    });
    agent.enable();
    return agent;
  });
}

describe('device batch', () => {
  it('installs a file of codes on many devices by UDI, each independently, and returns them all', () => {
    const ledger = new AuthorityLedger(createAuthorityState({ smartAccount: 'Desk' }), {
      clock,
      random,
      hasher,
      signer: authorityKeys.signer,
    });
    ledger.setReservationEnabled(true);
    ledger.addVirtualAccount('Lab');
    ledger.loadCatalog('Lab', CATALOGS.expressway, 1000);
    const agents = fleet(300);
    const rms = CATALOGS.expressway.entries.find((e) => /Rich Media/i.test(e.displayName))!.tag;
    const issued = agents.map((a) =>
      ledger.reserve('Lab', a.request().requestCode, { type: 'SLR', licenses: { [rms]: 1 } }),
    );
    const items = issued.map((r) => ({ code: r.authorizationCode })).reverse();
    items.push({
      code: issued[0]!.authorizationCode.replace('<count>1</count>', '<count>9</count>'),
    });

    const installed = installMany(indexByUdi(agents), items);
    expect(installed.filter((r) => r.ok)).toHaveLength(300);
    expect(installed.every((r, i) => i === 300 || /^[0-9a-f]{8}$/.test(r.code ?? ''))).toBe(true);
    expect(installed[300]).toMatchObject({
      ok: false,
      error: { code: 'AUTHORIZATION_SIGNATURE_INVALID' },
    });

    const returned = returnMany(agents);
    expect(returned.every((r) => r.ok && decodeReturnCode(r.code!).neverInstalled === false)).toBe(
      true,
    );
    expect(returnMany(agents.slice(0, 1))[0]).toMatchObject({
      ok: false,
      error: { code: 'NO_RESERVATION_INSTALLED' },
    });
  });

  it('names the missing device when a code is for no device here', () => {
    const result = installMany(new Map(), [{ code: 'CAXXXX', udi: 'P:UCM,S:nowhere' }]);
    expect(result[0]).toMatchObject({
      ok: false,
      udi: 'P:UCM,S:nowhere',
      error: { code: 'IMPORT_NO_DEVICE' },
    });
  });
});
