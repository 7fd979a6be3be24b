// Finds one product instance and its virtual account's pool, wherever the operator came from.
import type { ErrorDto, InstanceDto, LicenseRowDto } from '../../shared/ipc/dto.ts';
import { call } from './api.ts';
import type { AuthorityState } from './authority-state.svelte.ts';

type Outcome<T> = { ok: true; value: T } | { ok: false; error: ErrorDto };

/** The instance from the list already loaded, or else main's own (one instance, not the list). */
export async function findInstance(
  authority: Pick<AuthorityState, 'workspaceId' | 'instances'>,
  instanceId: string,
): Promise<Outcome<InstanceDto>> {
  const local = authority.instances.find((i) => i.id === instanceId);
  if (local) return { ok: true, value: local };
  return call('authority.instance', { workspaceId: authority.workspaceId, instanceId });
}

export async function poolOf(workspaceId: string, va: string): Promise<Outcome<LicenseRowDto[]>> {
  return call('authority.licenses', { workspaceId, va });
}

/** What an update may reuse: while in transit the pool already holds the larger of old and new. */
export function headroomOf(instance: InstanceDto): Record<string, number> {
  const room: Record<string, number> = { ...instance.licenses };
  for (const [tag, n] of Object.entries(instance.pendingLicenses ?? {})) {
    room[tag] = Math.max(room[tag] ?? 0, n);
  }
  return room;
}
