// The workspaces main knows about, and which one the operator is working in.
import type { Request } from '../../shared/ipc/contract.ts';
import type { ErrorDto, WorkspaceDto } from '../../shared/ipc/dto.ts';
import { call } from './api.ts';

const ACTIVE_KEY = 'airlock.activeWorkspace';

type Outcome<T> = { ok: true; value: T } | { ok: false; error: ErrorDto };

class Workspaces {
  list = $state<WorkspaceDto[]>([]);
  activeId = $state<string | null>(null);
  loaded = $state(false);
  error = $state<ErrorDto | null>(null);

  get active(): WorkspaceDto | null {
    return this.list.find((w) => w.id === this.activeId) ?? null;
  }

  async load(): Promise<void> {
    const result = await call('workspace.list', {});
    this.loaded = true;
    if (!result.ok) {
      this.error = result.error;
      return;
    }
    this.error = null;
    this.list = result.value;
    const remembered = localStorage.getItem(ACTIVE_KEY);
    if (!this.active) this.activeId = this.list.find((w) => w.id === remembered)?.id ?? null;
  }

  select(id: string | null): void {
    this.activeId = id;
    if (id) localStorage.setItem(ACTIVE_KEY, id);
    else localStorage.removeItem(ACTIVE_KEY);
  }

  async create(request: Request<'workspace.create'>): Promise<Outcome<WorkspaceDto>> {
    const result = await call('workspace.create', request);
    if (result.ok) this.list = [...this.list, result.value];
    return result;
  }

  async rename(id: string, name: string): Promise<Outcome<WorkspaceDto>> {
    const result = await call('workspace.rename', { workspaceId: id, name });
    if (result.ok) this.list = this.list.map((w) => (w.id === id ? result.value : w));
    return result;
  }

  async remove(id: string): Promise<Outcome<{ keptAt: string }>> {
    const result = await call('workspace.delete', { workspaceId: id });
    if (!result.ok) return result;
    this.list = this.list.filter((w) => w.id !== id);
    if (this.activeId === id) this.select(null);
    return { ok: true, value: { keptAt: result.value.keptAt } };
  }
}

export const workspaces = new Workspaces();
