// workspace.*: create, list, rename, delete; the log (read, verified); backups and restore.

import type { AppServices } from '../../app-services.ts';
import type { BackupInfo } from '../../services/db/backups.ts';
import type { BackupDto } from '../../../shared/ipc/dto.ts';
import { createAuthorityWorkspace } from '../../services/workspaces/authority/authority-create.ts';
import { repairLog, verifyLog } from '../../services/workspaces/audit-check.ts';
import { eventsOf } from '../../services/workspaces/events.ts';
import { createSiteWorkspace } from '../../services/workspaces/site/site-create.ts';
import type { HandlersOf } from './index.ts';

function backupDto(b: BackupInfo): BackupDto {
  return { fileName: b.fileName, createdAt: b.createdAt, reason: b.reason, bytes: b.bytes };
}

export function workspaceHandlers(services: AppServices): HandlersOf<'workspace'> {
  const repo = services.workspaces;
  return {
    'workspace.list': () => repo.list(),
    'workspace.create': (request) =>
      request.kind === 'authority'
        ? createAuthorityWorkspace(repo, request.name, request.passphrase).summary
        : createSiteWorkspace(repo, request.name, request.trustFile, request.passphrase).summary,
    'workspace.rename': ({ workspaceId, name }) => repo.rename(workspaceId, name),
    'workspace.delete': ({ workspaceId }) => repo.delete(workspaceId),
    'workspace.verifyAudit': ({ workspaceId }) => verifyLog(repo.get(workspaceId)),
    'workspace.checkSound': ({ workspaceId }) => {
      repo.get(workspaceId).assertSound();
      return { sound: true };
    },
    'workspace.repairAudit': ({ workspaceId }) => repairLog(repo.get(workspaceId)),
    'workspace.events': ({ workspaceId, ...query }) => eventsOf(repo.get(workspaceId), query),
    'workspace.eventTypes': ({ workspaceId }) => repo.get(workspaceId).audit.actions(),
    'workspace.backups': ({ workspaceId }) => repo.backups(workspaceId).map(backupDto),
    'workspace.backup': async ({ workspaceId }) =>
      backupDto(await repo.backup(workspaceId, 'manual')),
    'workspace.restore': ({ workspaceId, backup, dryRun }) =>
      repo.restore(workspaceId, backup, { dryRun: dryRun === true }),
    'workspace.check': ({ workspaceId }) => repo.check(workspaceId),
  };
}
