// What the operator typed to narrow a log to one instance (the desk) or one device (a site): its
// name, UDI or id, found by main's own search; the matches, so the screen can ask for a closer one.
import type { ErrorDto, Side } from '../../shared/ipc/dto.ts';
import { call } from './api.ts';

type Outcome<T> = { ok: true; value: T } | { ok: false; error: ErrorDto };

export interface Subject {
  id: string;
  name: string;
}

/** At most this many matches are read: more means "type more of it". */
const ENOUGH = 20;

export async function resolveSubject(
  workspaceId: string,
  side: Side,
  text: string,
): Promise<Outcome<Subject[]>> {
  const search = text.trim();
  const found =
    side === 'authority'
      ? await call('authority.instancePage', { workspaceId, offset: 0, limit: ENOUGH, search })
      : await call('site.devicePage', { workspaceId, offset: 0, limit: ENOUGH, search });
  if (!found.ok) return found;
  const rows = found.value.rows.map((r) => ({ id: r.id, name: r.name }));
  const exact = rows.filter((r) => r.id === search || r.name === search);
  if (exact.length === 1 || rows.length > 0)
    return { ok: true, value: exact.length === 1 ? exact : rows };
  // Not a name or UDI: perhaps the id itself (as a log's detail panel shows it).
  const byId =
    side === 'authority'
      ? await call('authority.instance', { workspaceId, instanceId: search })
      : await call('site.device', { workspaceId, deviceId: search });
  return { ok: true, value: byId.ok ? [{ id: byId.value.id, name: byId.value.name }] : [] };
}
