// The data directory's workspaces: create, list, open (kept open), rename and delete.

import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { toHex } from '../../../shared/codes/bytes.ts';
import { DomainError } from '../../../shared/errors.ts';
import type { Side, WorkspaceDto } from '../../../shared/ipc/dto.ts';
import type { DomainPorts } from '../../../shared/ports.ts';
import { openAuditLog } from '../audit-log.ts';
import { writeFileDurably } from '../durable-write.ts';
import type { CreateBackend } from '../store.ts';
import { openDocumentStore } from '../store.ts';
import { decodeWorkspaceDocument, encodeWorkspaceDocument } from './document-codes.ts';
import type { SecretStore } from '../passphrase-memory.ts';
import { AuthorityWorkspace } from './authority-workspace.ts';
import { SiteWorkspace } from './site-workspace.ts';
import {
  type WorkspaceDocument,
  WORKSPACE_MIGRATIONS,
  WORKSPACE_SCHEMA_VERSION,
  validateWorkspaceDocument,
} from './workspace-document.ts';
import {
  AUDIT_FILE,
  DELETED_DIR,
  META_FILE,
  STORE_NAME,
  WORKSPACES_DIR,
  workspaceDir,
} from './workspace-paths.ts';

export interface RepositoryDeps {
  dataDir: string;
  createBackend: CreateBackend;
  ports: DomainPorts;
  secretStore?: SecretStore;
}

export type OpenWorkspace = AuthorityWorkspace | SiteWorkspace;

/** A small file beside each store, so listing never has to open (or parse) the big document. */
interface Meta {
  id: string;
  kind: Side;
  name: string;
  createdAt: string;
}

export class WorkspaceRepository {
  private readonly open = new Map<string, OpenWorkspace>();

  constructor(readonly deps: RepositoryDeps) {
    mkdirSync(join(deps.dataDir, WORKSPACES_DIR), { recursive: true });
  }

  list(): WorkspaceDto[] {
    const root = join(this.deps.dataDir, WORKSPACES_DIR);
    const metas: WorkspaceDto[] = [];
    for (const id of readdirSync(root)) {
      const meta = this.readMeta(id);
      if (meta) metas.push(meta);
    }
    return metas.sort(
      (a, b) => a.createdAt.localeCompare(b.createdAt) || a.name.localeCompare(b.name),
    );
  }

  private readMeta(id: string): Meta | undefined {
    try {
      const meta = JSON.parse(
        readFileSync(join(workspaceDir(this.deps.dataDir, id), META_FILE), 'utf8'),
      ) as Meta;
      return meta.id === id && (meta.kind === 'authority' || meta.kind === 'site')
        ? meta
        : undefined;
    } catch {
      return undefined;
    }
  }

  private writeMeta(meta: Meta): void {
    writeFileDurably(
      join(workspaceDir(this.deps.dataDir, meta.id), META_FILE),
      `${JSON.stringify(meta, null, 2)}\n`,
    );
  }

  private ensureNameFree(name: string, except?: string): void {
    const taken = this.list().find(
      (w) => w.id !== except && w.name.toLowerCase() === name.trim().toLowerCase(),
    );
    if (taken) throw new DomainError('WORKSPACE_NAME_TAKEN', { name: name.trim() });
  }

  /** Finds a workspace by id or name; without either, the only workspace of that side. */
  resolve(kind: Side, nameOrId?: string): WorkspaceDto {
    const all = this.list().filter((w) => w.kind === kind);
    if (nameOrId === undefined) {
      if (all.length === 1) return all[0]!;
      throw new DomainError(all.length === 0 ? 'WORKSPACE_NONE' : 'WORKSPACE_AMBIGUOUS', {
        kind,
        count: all.length,
      });
    }
    const found =
      all.find((w) => w.id === nameOrId) ??
      all.find((w) => w.name.toLowerCase() === nameOrId.toLowerCase());
    if (!found) throw new DomainError('WORKSPACE_NOT_FOUND', { workspace: nameOrId, kind });
    return found;
  }

  /** Creates the folder, the meta file and the first document; returns the open workspace. */
  create(
    kind: Side,
    name: string,
    initial: (meta: Meta, dir: string) => WorkspaceDocument,
  ): OpenWorkspace {
    const clean = name.trim();
    if (clean === '') throw new DomainError('WORKSPACE_NAME_EMPTY');
    this.ensureNameFree(clean);
    const id = `${kind === 'authority' ? 'a' : 's'}-${toHex(this.deps.ports.random.bytes(5))}`;
    const dir = workspaceDir(this.deps.dataDir, id);
    const meta: Meta = {
      id,
      kind,
      name: clean,
      createdAt: new Date(this.deps.ports.clock.now()).toISOString(),
    };
    mkdirSync(dir, { recursive: true });
    try {
      const doc = initial(meta, dir);
      this.openStore(dir, () => doc);
      this.writeMeta(meta);
    } catch (error) {
      // Nothing half-made stays behind: without its meta file the folder would be invisible anyway.
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
    return this.get(id);
  }

  private openStore(dir: string, defaults?: () => WorkspaceDocument) {
    return openDocumentStore<WorkspaceDocument>({
      ...(defaults ? { defaults } : {}),
      dir,
      name: STORE_NAME,
      createBackend: this.deps.createBackend,
      schemaVersion: WORKSPACE_SCHEMA_VERSION,
      migrations: WORKSPACE_MIGRATIONS,
      validate: validateWorkspaceDocument,
      encode: encodeWorkspaceDocument,
      decode: decodeWorkspaceDocument,
      clock: this.deps.ports.clock,
    });
  }

  /** The open workspace with this id, opening it (and recovering a damaged store) on first use. */
  get(id: string): OpenWorkspace {
    const cached = this.open.get(id);
    if (cached) return cached;
    const meta = this.readMeta(id);
    if (!meta) throw new DomainError('WORKSPACE_NOT_FOUND', { workspace: id });
    const dir = workspaceDir(this.deps.dataDir, id);
    if (
      !existsSync(join(dir, `${STORE_NAME}.json`)) &&
      !existsSync(join(dir, `${STORE_NAME}.bak.json`))
    ) {
      throw new DomainError('STORE_NOT_FOUND', { path: join(dir, `${STORE_NAME}.json`) });
    }
    const store = this.openStore(dir);
    const doc = store.get();
    const audit = openAuditLog(join(dir, AUDIT_FILE), {
      workspace: id,
      clock: this.deps.ports.clock,
    });
    const parts = {
      store,
      audit,
      ports: this.deps.ports,
      dir,
      onStale: () => this.open.delete(id),
    };
    const workspace =
      doc.kind === 'authority'
        ? new AuthorityWorkspace({ ...parts, doc }, this.deps.secretStore)
        : new SiteWorkspace({ ...parts, doc });
    this.open.set(id, workspace);
    return workspace;
  }

  authority(id: string): AuthorityWorkspace {
    const ws = this.get(id);
    if (!(ws instanceof AuthorityWorkspace))
      throw new DomainError('WORKSPACE_WRONG_KIND', { workspace: id, expected: 'authority' });
    return ws;
  }

  site(id: string): SiteWorkspace {
    const ws = this.get(id);
    if (!(ws instanceof SiteWorkspace))
      throw new DomainError('WORKSPACE_WRONG_KIND', { workspace: id, expected: 'site' });
    return ws;
  }

  rename(id: string, name: string): WorkspaceDto {
    const meta = this.readMeta(id);
    if (!meta) throw new DomainError('WORKSPACE_NOT_FOUND', { workspace: id });
    const clean = name.trim();
    if (clean === '') throw new DomainError('WORKSPACE_NAME_EMPTY');
    this.ensureNameFree(clean, id);
    const ws = this.get(id);
    const previous = ws.doc.name;
    ws.doc.name = clean;
    try {
      ws.save();
    } catch (error) {
      ws.doc.name = previous;
      throw error;
    }
    this.writeMeta({ ...meta, name: clean });
    ws.log([{ action: 'workspace-renamed', details: { from: previous, to: clean } }]);
    return ws.summary;
  }

  /** Moves the folder aside (never erases it): the operator can still recover a mistake. */
  delete(id: string): { deleted: true; keptAt: string } {
    if (!this.readMeta(id)) throw new DomainError('WORKSPACE_NOT_FOUND', { workspace: id });
    const stamp = new Date(this.deps.ports.clock.now()).toISOString().replace(/[:.]/g, '-');
    const keptAt = join(this.deps.dataDir, DELETED_DIR, `${id}-${stamp}`);
    mkdirSync(join(this.deps.dataDir, DELETED_DIR), { recursive: true });
    renameSync(workspaceDir(this.deps.dataDir, id), keptAt);
    this.open.delete(id);
    return { deleted: true, keptAt };
  }
}
