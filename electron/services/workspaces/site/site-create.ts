// A new site workspace, optionally trusting an authority from the start.

import { parseTrustFile } from '../../trust-file.ts';
import { AuditTable } from '../../db/audit-table.ts';
import type { WorkspaceRepository } from '../workspace-repository.ts';
import type { SiteWorkspace } from './site-workspace.ts';

export function createSiteWorkspace(
  repo: WorkspaceRepository,
  name: string,
  trustText?: string,
): SiteWorkspace {
  // Parse first: a bad trust file must not leave a half-made workspace behind.
  const trust = trustText?.trim() ? parseTrustFile(trustText) : null;
  return repo.create('site', name, (db, meta) => {
    if (trust)
      db.stmt(
        `INSERT INTO trust (singleton, authority_name, public_key_pem, fingerprint, created_at)
         VALUES (1, ?, ?, ?, ?)`,
      ).run(trust.authorityName, trust.publicKeyPem, trust.fingerprint, trust.createdAt);
    new AuditTable(db, meta.id, repo.deps.ports.clock).append([
      {
        action: 'workspace-created',
        direction: 'none',
        details: { kind: 'site', name: meta.name },
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
  }) as SiteWorkspace;
}
