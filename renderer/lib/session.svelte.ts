// The open workspace's live state (authority or site), rebuilt when the operator switches.
import type { WorkspaceDto } from '../../shared/ipc/dto.ts';
import { AuthorityState } from './authority-state.svelte.ts';
import { nav } from './nav.svelte.ts';
import { SiteState } from './site-state.svelte.ts';

class Session {
  authority = $state<AuthorityState | null>(null);
  site = $state<SiteState | null>(null);
  #openId: string | null = null;

  /** Called whenever the active workspace may have changed; cheap when it has not. */
  open(workspace: WorkspaceDto | null): void {
    if ((workspace?.id ?? null) === this.#openId) return;
    this.#openId = workspace?.id ?? null;
    this.authority = workspace?.kind === 'authority' ? new AuthorityState(workspace.id) : null;
    this.site = workspace?.kind === 'site' ? new SiteState(workspace.id) : null;
    void this.authority?.refresh();
    void this.site?.refresh();
    if (!workspace) nav.go('workspaces');
    else nav.go(workspace.kind === 'authority' ? 'authority.dashboard' : 'site.devices');
  }
}

export const session = new Session();
