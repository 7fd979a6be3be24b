// A new site workspace, optionally trusting an authority from the start.

import { parseTrustFile } from '../trust-file.ts';
import type { SiteWorkspace } from './site-workspace.ts';
import { WORKSPACE_SCHEMA_VERSION, type SiteDocument } from './workspace-document.ts';
import type { WorkspaceRepository } from './workspace-repository.ts';

export function createSiteWorkspace(
  repo: WorkspaceRepository,
  name: string,
  trustText?: string,
): SiteWorkspace {
  // Parse first: a bad trust file must not leave a half-made workspace behind.
  const trust = trustText?.trim() ? parseTrustFile(trustText) : null;
  const ws = repo.create('site', name, (meta): SiteDocument => ({
    schemaVersion: WORKSPACE_SCHEMA_VERSION,
    id: meta.id,
    kind: 'site',
    name: meta.name,
    createdAt: meta.createdAt,
    items: [],
    nextItem: 1,
    trust,
    devices: {},
    nextDevice: 1,
  })) as SiteWorkspace;
  ws.log([
    { action: 'workspace-created', details: { kind: 'site', name: ws.doc.name } },
    ...(trust
      ? [
          {
            action: 'trust-imported',
            details: { authority: trust.authorityName, fingerprint: trust.fingerprint },
          },
        ]
      : []),
  ]);
  return ws;
}
