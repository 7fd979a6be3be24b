// The desk's reports (licenses, instances, events): their columns and rows, written once for the
// window's "Export CSV" and the CLI's `authority report`.

import { viewOf } from '../../shared/authority/index.ts';
import { safeFileName } from './files.ts';
import { eventDto } from './workspaces/events.ts';
import type { AuthorityWorkspace } from './workspaces/authority/authority-workspace.ts';

export type ReportKind = 'licenses' | 'instances' | 'events';

export interface Report {
  columns: readonly string[];
  rows: Array<Record<string, unknown>>;
}

/** The most events a report holds (the newest). */
export const EVENTS_REPORT_MAX = 100_000;

export const REPORTS: Record<ReportKind, (ws: AuthorityWorkspace, va?: string) => Report> = {
  licenses: (ws, va) => ({
    columns: [
      'va',
      'tag',
      'displayName',
      'type',
      'purchased',
      'reserved',
      'inTransit',
      'balance',
      'expires',
      'level',
      'alerts',
    ],
    rows: ws.read((ledger) =>
      (va ? [va] : ledger.virtualAccounts()).flatMap((v) =>
        ledger
          .licenses(v)
          .map((l) => ({ va: v, ...l, alerts: l.alerts.map((a) => a.code).join(' ') })),
      ),
    ),
  }),
  instances: (ws, va) => {
    if (va !== undefined) ws.read((l) => l.licenses(va)); // an unknown VA is refused, not empty
    const rows: Array<Record<string, unknown>> = [];
    for (const record of ws.queries.all(va !== undefined ? { va } : {})) {
      const i = viewOf(record);
      rows.push({
        ...i,
        licenses: Object.entries(i.licenses)
          .map(([tag, n]) => `${tag}=${n}`)
          .join('; '),
        createdAt: new Date(i.createdAt).toISOString(),
        lastContact: new Date(i.lastContact).toISOString(),
      });
    }
    return {
      columns: [
        'id',
        'name',
        'udi',
        'productType',
        'va',
        'state',
        'reservationType',
        'licenses',
        'confirmed',
        'createdAt',
        'lastContact',
      ],
      rows,
    };
  },
  events: (ws) => ({
    columns: ['time', 'type', 'instanceId', 'udi', 'va', 'details'],
    rows: ws.audit.page({ newestFirst: true, limit: EVENTS_REPORT_MAX }).entries.map((entry) => {
      const e = eventDto(entry);
      return { ...e, time: new Date(e.time).toISOString() };
    }),
  }),
};

/** A file-name stem from the workspace name; never a device name Windows reserves (`CON`, `aux`). */
export function fileStem(name: string): string {
  const stem =
    name
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'authority';
  try {
    safeFileName(`${stem}.txt`);
    return stem;
  } catch {
    return `airlock-${stem}`;
  }
}

export function reportFileName(workspace: string, report: ReportKind, now: number): string {
  return `${fileStem(workspace)}-${report}-${new Date(now).toISOString().slice(0, 10)}.csv`;
}
