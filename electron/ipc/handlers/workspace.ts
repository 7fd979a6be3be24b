// workspace.*: create, list, rename, delete, and check a workspace's audit log.

import type { AppServices } from '../../app-services.ts';
import { createAuthorityWorkspace } from '../../services/workspaces/authority-workspace.ts';
import { createSiteWorkspace } from '../../services/workspaces/site-create.ts';
import type { HandlersOf } from './index.ts';

export function workspaceHandlers(services: AppServices): HandlersOf<'workspace'> {
  const repo = services.workspaces;
  return {
    'workspace.list': () => repo.list(),
    'workspace.create': (request) =>
      request.kind === 'authority'
        ? createAuthorityWorkspace(repo, request.name, request.passphrase).summary
        : createSiteWorkspace(repo, request.name, request.trustFile).summary,
    'workspace.rename': ({ workspaceId, name }) => repo.rename(workspaceId, name),
    'workspace.delete': ({ workspaceId }) => repo.delete(workspaceId),
    'workspace.verifyAudit': async ({ workspaceId }) => {
      const ws = repo.get(workspaceId);
      const result = await ws.audit.verify(
        ws.doc.auditHead ? { expectHead: ws.doc.auditHead } : {},
      );
      return {
        ok: result.ok,
        entries: result.entries,
        ...(result.firstBrokenAt !== undefined ? { firstBrokenAt: result.firstBrokenAt } : {}),
      };
    },
  };
}
