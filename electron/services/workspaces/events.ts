// The audit log as the event list the screens show: one entry, one event.

import type { EventDto, PageDto } from '../../../shared/ipc/dto.ts';
import type { AuditEntry } from '../audit-entry.ts';
import type { WorkspaceBase } from './workspace-base.ts';

export function eventDto(e: AuditEntry): EventDto {
  const details = (e.details ?? {}) as Record<string, unknown>;
  return {
    id: e.seq,
    time: Date.parse(e.time),
    type: e.action,
    ...(typeof details.va === 'string' ? { va: details.va } : {}),
    ...(e.subject ? { instanceId: e.subject } : {}),
    ...(typeof details.udi === 'string' ? { udi: details.udi } : {}),
    details: {
      ...details,
      direction: e.direction,
      ...(e.codeKind ? { codeKind: e.codeKind, codeDigest: e.codeDigest } : {}),
    },
  };
}

/** A window of the log, newest first, filtered by action and subject, with the count. */
export function eventsOf(
  ws: WorkspaceBase,
  query: { offset: number; limit: number; type?: string; subject?: string },
): PageDto<EventDto> {
  const { entries, total } = ws.audit.page({
    newestFirst: true,
    offset: query.offset,
    limit: query.limit,
    filter: {
      ...(query.type ? { action: query.type } : {}),
      ...(query.subject ? { subject: query.subject } : {}),
    },
  });
  return { rows: entries.map(eventDto), total, offset: query.offset };
}
