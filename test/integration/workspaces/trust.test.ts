// Trust changes are deliberate: a site replaces its trusted authority only when told to (having
// seen both fingerprints), the log keeps the old key and the new, and a key swapped in the
// database file behind Airlock's back is found when the workspace opens.

import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { dumpDatabase, tamper } from '../support/database.ts';
import {
  type Side,
  call,
  databaseOf,
  openDesk,
  openSite,
  refusal,
  reopen,
} from '../support/sides.ts';
import { removeTempDirs, tempDir } from '../support/temp-dirs.ts';

let desk: Side;
let otherDesk: Side;
let site: Side;

const trustOf = async (side: Side) =>
  call(side.router, 'authority.trustFile', { workspaceId: side.workspaceId });

beforeEach(async () => {
  desk = await openDesk(tempDir('trust-desk'));
  otherDesk = await openDesk(tempDir('trust-other'));
  site = await openSite(tempDir('trust-site'), desk);
});
afterAll(removeTempDirs);

describe('site.importTrust', () => {
  it('takes the same key again as a no-op, and logs nothing', async () => {
    const before = dumpDatabase(databaseOf(site));
    const overview = await call(site.router, 'site.importTrust', {
      workspaceId: site.workspaceId,
      trustFile: (await trustOf(desk)).text,
    });
    expect(overview.trust?.fingerprint).toBe((await trustOf(desk)).fingerprint);
    expect(dumpDatabase(databaseOf(site))).toEqual(before);
  });

  it('refuses another authority without the operator’s word, naming both keys, and changes nothing', async () => {
    const before = dumpDatabase(databaseOf(site));
    const error = await refusal(site.router, 'site.importTrust', {
      workspaceId: site.workspaceId,
      trustFile: (await trustOf(otherDesk)).text,
    });
    expect(error.code).toBe('TRUST_REPLACE_UNCONFIRMED');
    expect(error.facts).toMatchObject({
      current: (await trustOf(desk)).fingerprint,
      incoming: (await trustOf(otherDesk)).fingerprint,
    });
    expect(error.message).toContain(String(error.facts.current));
    expect(error.message).toContain(String(error.facts.incoming));
    expect(dumpDatabase(databaseOf(site))).toEqual(before);
  });

  it('replaces it when told to, logging the old key beside the new', async () => {
    const overview = await call(site.router, 'site.importTrust', {
      workspaceId: site.workspaceId,
      trustFile: (await trustOf(otherDesk)).text,
      replace: true,
    });
    expect(overview.trust?.fingerprint).toBe((await trustOf(otherDesk)).fingerprint);
    const events = await call(site.router, 'workspace.events', {
      workspaceId: site.workspaceId,
      offset: 0,
      limit: 1,
      type: 'trust-imported',
    });
    expect(events.rows[0]!.details).toMatchObject({
      fingerprint: (await trustOf(otherDesk)).fingerprint,
      replaced: (await trustOf(desk)).fingerprint,
    });
    // Still the same after a restart: the log and the stored key agree.
    const restarted = reopen(site);
    const again = await call(restarted.router, 'site.overview', { workspaceId: site.workspaceId });
    expect(again.trust?.fingerprint).toBe((await trustOf(otherDesk)).fingerprint);
  });
});

describe('a trusted key changed in the database file', () => {
  it('is refused when the workspace opens (the key swapped for another desk’s)', async () => {
    await site.services.close();
    const other = await trustOf(otherDesk);
    tamper(
      databaseOf(site),
      `DROP TRIGGER trust_record_update; UPDATE trust SET fingerprint = '${other.fingerprint}', public_key_pem = 'swapped'`,
    );
    const error = await refusal(reopen(site).router, 'site.overview', {
      workspaceId: site.workspaceId,
    });
    expect(error.code).toBe('TRUST_TAMPERED');
    expect(error.facts).toMatchObject({
      stored: other.fingerprint,
      logged: (await trustOf(desk)).fingerprint,
    });
  });

  it('is refused when the workspace opens (the trust removed)', async () => {
    await site.services.close();
    tamper(databaseOf(site), 'DROP TRIGGER trust_record_delete; DELETE FROM trust');
    const error = await refusal(reopen(site).router, 'site.overview', {
      workspaceId: site.workspaceId,
    });
    expect(error.code).toBe('TRUST_TAMPERED');
    expect(error.facts).toMatchObject({ stored: 'none' });
  });
});
