// Finds one product instance and its virtual account's pool, wherever the operator came from.
import type { ErrorDto, InstanceDto, LicenseRowDto } from '../../shared/ipc/dto.ts';
import { call } from './api.ts';
import type { AuthorityState } from './authority-state.svelte.ts';
import { findByUdi } from './udi-match.ts';

type Outcome<T> = { ok: true; value: T } | { ok: false; error: ErrorDto };

/** One instance as main has it now (with its latest code), never the list. */
export async function findInstance(
  authority: Pick<AuthorityState, 'workspaceId'>,
  instanceId: string,
): Promise<Outcome<InstanceDto>> {
  return call('authority.instance', { workspaceId: authority.workspaceId, instanceId });
}

/**
 * The instance that holds licenses for a UDI (reserved or in transit), found by main's search
 * on the UDI: what an incoming confirmation or return code applies to.
 */
export async function liveInstanceFor(
  workspaceId: string,
  udi: string,
): Promise<Outcome<InstanceDto | null>> {
  const result = await call('authority.instancePage', {
    workspaceId,
    offset: 0,
    limit: 20,
    state: 'active',
    search: udi,
  });
  if (!result.ok) return result;
  return { ok: true, value: findByUdi(result.value.rows, udi) ?? null };
}

export async function poolOf(workspaceId: string, va: string): Promise<Outcome<LicenseRowDto[]>> {
  return call('authority.licenses', { workspaceId, va });
}
