// The same round trip in memory, shared/ only (no files, no saves, no audit log): how close the
// domain itself comes to the crypto limit, so the app's overhead can be read off the difference.

import { generateKeyPairSync } from 'node:crypto';
import { ProductAgent, createDeviceState } from '../shared/agent/index.ts';
import {
  AuthorityLedger,
  confirmMany,
  createAuthorityState,
  removeMany,
  reserveMany,
} from '../shared/authority/index.ts';
import { indexByUdi, installMany, returnMany } from '../shared/batch/device-batch.ts';
import { UCM_CATALOG } from '../shared/catalog/index.ts';
import { udiKey } from '../shared/codes/udi.ts';
import { createNodePorts, createSigner, createVerifier } from '../electron/services/crypto-node.ts';
import { type Measurement, type PhaseOutput, log, now } from './measure.ts';
import { benchLicenses, benchUdi } from './fixtures.ts';

export function domain(args: { devices: number; licenses: number }): PhaseOutput {
  const n = args.devices;
  const ports = createNodePorts();
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const ledger = new AuthorityLedger(createAuthorityState({ virtualAccounts: ['Bench'] }), {
    ...ports,
    signer: createSigner(privateKey),
  });
  ledger.loadCatalog('Bench', UCM_CATALOG, n);
  ledger.setReservationEnabled(true);
  const verifier = createVerifier(publicKey);
  const agents = Array.from({ length: n }, (_, i) => {
    const agent = new ProductAgent(
      createDeviceState({ udi: benchUdi(i + 1), product: 'ucm', now: Date.now() }),
      { ...ports, verifier },
    );
    agent.enable();
    return agent;
  });
  const requests = agents.map((agent) => agent.request().requestCode);

  log('domain: reserve, install, confirm, return, release');
  const t0 = now();
  const reserved = reserveMany(ledger, 'Bench', requests, {
    type: 'SLR',
    licenses: benchLicenses(args.licenses),
  });
  const t1 = now();
  const installed = installMany(
    indexByUdi(agents),
    reserved.map((r) => ({ code: r.authorizationCode!, udi: r.instance!.udi })),
  );
  const t2 = now();
  const confirmed = confirmMany(
    ledger,
    installed.map((c, i) => ({ udi: udiKey(benchUdi(i + 1)), code: c.code! })),
  );
  const t3 = now();
  const returned = returnMany(agents);
  const t4 = now();
  const released = removeMany(
    ledger,
    returned.map((r, i) => ({ udi: udiKey(benchUdi(i + 1)), code: r.code! })),
  );
  const t5 = now();
  const failures = [...reserved, ...installed, ...confirmed, ...returned, ...released].filter(
    (r) => !r.ok,
  );
  if (failures.length > 0)
    throw new Error(`domain: ${failures[0]!.error?.code} (${failures.length})`);

  const row = (id: string, workload: number, label: string, ms: number): Measurement => ({
    id: `domain.${id}`,
    workload,
    label,
    items: n,
    unit: 'code',
    ms,
  });
  return {
    measurements: [
      row('reserve', 1, 'domain only: reserveMany (decode, sign, record)', t1 - t0),
      row('install', 2, 'domain only: installMany (decode, verify, install)', t2 - t1),
      row('confirm', 2, 'domain only: confirmMany', t3 - t2),
      row('return', 3, 'domain only: returnMany', t4 - t3),
      row('release', 3, 'domain only: removeMany', t5 - t4),
    ],
  };
}
