// A new site workspace, optionally trusting an authority from the start, with its own key for
// signing its audit checkpoints (under a passphrase when the operator gives one).

import type { KeyObject } from 'node:crypto';
import { join } from 'node:path';
import { parseTrustFile } from '../../trust-file.ts';
import { AuditTable } from '../../db/audit-table.ts';
import { signFirstCheckpoint } from '../../db/checkpoints.ts';
import { SITE_KEY_FILE, createSiteKey } from '../../site-key.ts';
import type { WorkspaceRepository } from '../workspace-repository.ts';
import type { SiteWorkspace } from './site-workspace.ts';

export function createSiteWorkspace(
  repo: WorkspaceRepository,
  name: string,
  trustText?: string,
  passphrase?: string,
): SiteWorkspace {
  // Parse first: a bad trust file must not leave a half-made workspace behind.
  const trust = trustText?.trim() ? parseTrustFile(trustText) : null;
  let made: KeyObject | undefined;
  const ws = repo.create('site', name, (db, meta, dir) => {
    const key = createSiteKey(join(dir, SITE_KEY_FILE), {
      ...(passphrase ? { passphrase } : {}),
      ...(repo.deps.secretStore ? { secretStore: repo.deps.secretStore } : {}),
      random: repo.deps.ports.random,
    });
    made = key.privateKey;
    if (trust)
      db.stmt(
        `INSERT INTO trust (singleton, authority_name, public_key_pem, fingerprint, created_at)
         VALUES (1, ?, ?, ?, ?)`,
      ).run(trust.authorityName, trust.publicKeyPem, trust.fingerprint, trust.createdAt);
    const audit = new AuditTable(db, meta.id, repo.deps.ports.clock);
    audit.append([
      {
        action: 'workspace-created',
        direction: 'none',
        details: {
          kind: 'site',
          name: meta.name,
          checkpointKey: key.fingerprint,
          keyProtection: key.protection,
        },
      },
      ...(trust
        ? [
            {
              action: 'trust-imported',
              direction: 'none' as const,
              details: { authority: trust.authorityName, fingerprint: trust.fingerprint },
            },
          ]
        : []),
    ]);
    signFirstCheckpoint(db, audit, key, repo.deps.ports.clock.now());
  }) as SiteWorkspace;
  if (made) ws.useKey(made);
  return ws;
}
