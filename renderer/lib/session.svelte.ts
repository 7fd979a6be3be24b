// The open workspace's live state (authority or site), rebuilt when the operator switches; what
// main reports about it (another process changed it) refreshes what is shown.
import type { ErrorDto, MainEvent, WorkspaceDto } from '../../shared/ipc/dto.ts';
import { AuthorityState } from './authority-state.svelte.ts';
import { nav } from './nav.svelte.ts';
import { SiteState } from './site-state.svelte.ts';
import { isDamage } from './workspace-damage.ts';

class Session {
  authority = $state<AuthorityState | null>(null);
  site = $state<SiteState | null>(null);
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
  }

  #build(workspace: WorkspaceDto | null): void {
    this.authority = workspace?.kind === 'authority' ? new AuthorityState(workspace.id) : null;
    this.site = workspace?.kind === 'site' ? new SiteState(workspace.id) : null;
    void this.authority?.refresh();
    void this.site?.refresh();
  }
}

export const session = new Session();
