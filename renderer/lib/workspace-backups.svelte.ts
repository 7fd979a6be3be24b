// One workspace's backups as the operator works with them: the list (newest first), a backup
// made now, the full integrity check, and — for the backup chosen — what restoring it would lose
// (main's dry run), then the restore itself. Only the latest preview asked for is kept.
import type { BackupDto, ErrorDto, IntegrityDto, RestoreReportDto } from '../../shared/ipc/dto.ts';
import { call } from './api.ts';

export class WorkspaceBackups {
  readonly #workspaceId: () => string;
  backups = $state.raw<BackupDto[]>([]);
  loaded = $state(false);
  error = $state<ErrorDto | null>(null);
  busy = $state<'backup' | 'check' | 'restore' | null>(null);
  integrity = $state<IntegrityDto | null>(null);
  chosen = $state<string | null>(null);
  preview = $state.raw<RestoreReportDto | null>(null);
  previewing = $state(false);
  previewError = $state<ErrorDto | null>(null);
  #sequence = 0;

  constructor(workspaceId: () => string) {
    this.#workspaceId = workspaceId;
  }

  get workspaceId(): string {
    return this.#workspaceId();
  }

  async load(): Promise<void> {
    const result = await call('workspace.backups', { workspaceId: this.workspaceId });
    this.loaded = true;
    if (result.ok) {
      this.backups = result.value;
      this.error = null;
    } else this.error = result.error;
  }

  /** A copy now ("Back up now"); the list shows it first. */
  async backupNow(): Promise<BackupDto | null> {
    this.busy = 'backup';
    const result = await call('workspace.backup', { workspaceId: this.workspaceId });
    this.busy = null;
    if (!result.ok) {
      this.error = result.error;
      return null;
    }
    this.error = null;
    await this.load();
    return result.value;
  }

  /** The full integrity check (slower than the one every open makes). */
  async check(): Promise<void> {
    this.busy = 'check';
    this.integrity = null;
    const result = await call('workspace.check', { workspaceId: this.workspaceId });
    this.busy = null;
    if (result.ok) {
      this.integrity = result.value;
      this.error = null;
    } else this.error = result.error;
  }

  /** Chooses a backup and asks main what restoring it would lose (nothing is changed). */
  async choose(fileName: string): Promise<void> {
    this.chosen = fileName;
    this.preview = null;
    this.previewError = null;
    this.previewing = true;
    const sequence = ++this.#sequence;
    const result = await call('workspace.restore', {
      workspaceId: this.workspaceId,
      backup: fileName,
      dryRun: true,
    });
    if (sequence !== this.#sequence) return;
    this.previewing = false;
    if (result.ok) this.preview = result.value;
    else this.previewError = result.error;
  }

  /** Puts the chosen backup in place of the workspace's database: main's report, or null. */
  async restore(): Promise<RestoreReportDto | null> {
    if (!this.chosen) return null;
    this.busy = 'restore';
    const result = await call('workspace.restore', {
      workspaceId: this.workspaceId,
      backup: this.chosen,
    });
    this.busy = null;
    if (!result.ok) {
      this.previewError = result.error;
      return null;
    }
    return result.value;
  }
}
