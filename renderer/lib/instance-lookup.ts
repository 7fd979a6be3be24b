// Finds one product instance and its virtual account's pool, wherever the operator came from.
import type { ErrorDto, InstanceDto, LicenseRowDto } from '../../shared/ipc/dto.ts';
import { call } from './api.ts';

type Outcome<T> = { ok: true; value: T } | { ok: false; error: ErrorDto };

export async function findInstance(
  workspaceId: string,
  instanceId: string,
  known: readonly InstanceDto[],
): Promise<Outcome<InstanceDto | null>> {
  const local = known.find((i) => i.id === instanceId);
  if (local) return { ok: true, value: local };
  const result = await call('authority.instances', { workspaceId });
  if (!result.ok) return result;
  return { ok: true, value: result.value.find((i) => i.id === instanceId) ?? null };
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
