// The open workspace's live state (authority or site), rebuilt when the operator switches; what
// main reports about it (another process changed it) refreshes what is shown.
import type { ErrorDto, MainEvent, WorkspaceDto } from '../../shared/ipc/dto.ts';
import { call } from './api.ts';
import { AuthorityState } from './authority-state.svelte.ts';
import { nav } from './nav.svelte.ts';
import { SiteState } from './site-state.svelte.ts';
import { isDamage } from './workspace-damage.ts';

class Session {
  authority = $state<AuthorityState | null>(null);
  site = $state<SiteState | null>(null);
  /**
   * Why every change to the open workspace is stopped, found as soon as it was shown: its log or
   * its records no longer match what it signed (AUDIT_LOG_DAMAGED). Null while it is sound.
   */
  unsound = $state<ErrorDto | null>(null);
  #openId: string | null = null;

  /** Called whenever the active workspace may have changed; cheap when it has not. */
  open(workspace: WorkspaceDto | null): void {
    if ((workspace?.id ?? null) === this.#openId) return;
    this.#openId = workspace?.id ?? null;
    this.#build(workspace);
    if (!workspace) nav.go('workspaces');
    else nav.go(workspace.kind === 'authority' ? 'authority.dashboard' : 'site.devices');
  }

  /** Opens the same workspace again from scratch (after it was restored from a backup). */
  reopen(workspace: WorkspaceDto): void {
    this.#openId = workspace.id;
    this.#build(workspace);
    nav.go(workspace.kind === 'authority' ? 'authority.dashboard' : 'site.devices');
  }

  /** Why the open workspace cannot be used until it is restored, if that is the case. */
  get damage(): ErrorDto | null {
    const error = this.authority?.error ?? this.site?.error ?? null;
    return isDamage(error) ? error : null;
  }

  /**
   * Main's notice about the workspace shown: another process changed it (what is shown is read
   * again), or the check of its file found it damaged (read again, the refusal brings up the
   * restore screen).
   */
  heard(event: MainEvent): void {
    if (event.workspaceId !== this.#openId) return;
    if (event.type === 'workspace-damaged') {
      void this.authority?.refresh();
      void this.site?.refresh();
      return;
    }
    if (this.damage) return;
    void this.authority?.changed();
    void this.site?.changed();
    void this.checkSound(event.workspaceId);
  }

  /**
   * Asks main whether the next change to the workspace would be refused because its log or
   * records were tampered with (the same checks, changing nothing). After it is shown, after
   * another process changed it, and after its audit log was checked or repaired.
   */
  async checkSound(workspaceId: string): Promise<void> {
    if (workspaceId !== this.#openId) return;
    const answer = await call('workspace.checkSound', { workspaceId });
    if (workspaceId !== this.#openId) return;
    this.unsound = !answer.ok && answer.error.code === 'AUDIT_LOG_DAMAGED' ? answer.error : null;
  }

  #build(workspace: WorkspaceDto | null): void {
    this.authority = workspace?.kind === 'authority' ? new AuthorityState(workspace.id) : null;
    this.site = workspace?.kind === 'site' ? new SiteState(workspace.id) : null;
    this.unsound = null;
    // The first screen first; then the whole log and every record are checked (a walk of the
    // chain the first change would otherwise make).
    void Promise.all([this.authority?.refresh(), this.site?.refresh()]).then(() => {
      if (workspace && !this.damage) void this.checkSound(workspace.id);
    });
  }
}

export const session = new Session();
