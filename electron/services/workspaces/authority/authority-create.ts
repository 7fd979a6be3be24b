// A new authority workspace: its signing key is made (and written, encrypted) before its database.

import { join } from 'node:path';
import { createAuthorityState } from '../../../../shared/authority/index.ts';
import { AuditTable } from '../../db/audit-table.ts';
import { signFirstCheckpoint } from '../../db/checkpoints.ts';
import { writeFileDurably } from '../../durable-write.ts';
import { generateAuthorityKey } from '../../keys.ts';
import { KEY_FILE } from '../workspace-paths.ts';
import type { WorkspaceRepository } from '../workspace-repository.ts';
import type { AuthorityWorkspace } from './authority-workspace.ts';

export function createAuthorityWorkspace(
  repo: WorkspaceRepository,
  name: string,
  passphrase: string,
): AuthorityWorkspace {
  // Checked before anything touches the disk, so a short passphrase leaves no half-made workspace.
  const key = generateAuthorityKey(passphrase, { random: repo.deps.ports.random });
  const ws = repo.create('authority', name, (db, meta, dir) => {
    writeFileDurably(join(dir, KEY_FILE), `${JSON.stringify(key.encryptedKeyFile, null, 2)}\n`);
    const { smartAccount } = createAuthorityState({ smartAccount: meta.name });
    db.stmt(
      'INSERT INTO smart_account (singleton, name, reservation_enabled) VALUES (1, ?, ?)',
    ).run(smartAccount.name, smartAccount.reservationEnabled ? 1 : 0);
    const audit = new AuditTable(db, meta.id, repo.deps.ports.clock);
    audit.append([
      {
        action: 'workspace-created',
        direction: 'none',
        details: { kind: 'authority', name: meta.name, fingerprint: key.fingerprint },
      },
    ]);
    signFirstCheckpoint(db, audit, key, repo.deps.ports.clock.now());
  }) as AuthorityWorkspace;
  ws.useKey(key.privateKey);
  return ws;
}
