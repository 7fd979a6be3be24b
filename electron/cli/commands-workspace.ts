// `airlock workspace …` and `airlock audit …`: a workspace's database and log as an operator
// looks after them — check, back up, restore, verify, export.

import type { Command } from 'commander';
import { statSync } from 'node:fs';
import { DomainError, isDomainError } from '../../shared/errors.ts';
import type { AuditVerifyDto, EventDto, WorkspaceDto } from '../../shared/ipc/dto.ts';
import { formatAuditFile, readAuditFile } from '../services/audit-file.ts';
import { readFailure } from '../services/files/io-errors.ts';
import { checkOut, decimalCount, usage, when, writeOut } from './cli-io.ts';
import type { CliContext } from './context.ts';
import type { Run } from './run.ts';

/** The workspace of either side that `--workspace` names, or the only one there is. */
export function chosenWorkspace(ctx: CliContext): WorkspaceDto {
  try {
    return ctx.services.workspaces.resolve(undefined, ctx.options.workspace);
  } catch (error) {
    if (isDomainError(error) && error.code === 'WORKSPACE_AMBIGUOUS')
      throw usage('choose the workspace with --workspace NAME', 'WORKSPACE_AMBIGUOUS');
    throw error;
  }
}

/** Lost entries listed in the text output (all of them, up to 200, with --json). */
const SHOWN = 20;

export function workspaceCommands(program: Command, run: Run): void {
  const workspace = program
    .command('workspace')
    .description("a workspace's database: check, back up, restore");

  workspace
    .command('list')
    .description('the workspaces in the data folder, both sides, oldest first')
    .action(
      run(async (ctx: CliContext) => {
        const workspaces = ctx.services.workspaces.list();
        const unreadable = ctx.services.workspaces.unreadable();
        ctx.emit({ workspaces, ...(unreadable.length ? { unreadable } : {}) }, () =>
          [
            ...(workspaces.length === 0 ? ['No workspace in this data folder yet.'] : []),
            ...workspaces.map((w) => `${w.id}  ${w.kind.padEnd(9)}  ${w.name}`),
            ...unreadable.map((path) => `(damaged: ${path})`),
          ].join('\n'),
        );
      }),
    );

  workspace
    .command('check')
    .description('check the whole database file and the audit chain (exit 1 when damaged)')
    .action(
      run(async (ctx: CliContext) => {
        const { id } = chosenWorkspace(ctx);
        const integrity = await ctx.call('workspace.check', { workspaceId: id });
        const chain = await ctx.call('workspace.verifyAudit', { workspaceId: id });
        const backups = await ctx.call('workspace.backups', { workspaceId: id });
        const ok = integrity.ok && chain.ok;
        ctx.emit({ ok, integrity, audit: chain, backups }, () =>
          [
            integrity.ok
              ? 'Database: intact.'
              : `Database: damaged:\n  ${integrity.problems.join('\n  ')}`,
            `Audit log: ${logHeadline(chain)}`,
            backups.length === 0
              ? 'Backups: none yet.'
              : `Backups: ${backups.length}, the newest ${backups[0]!.fileName} (${when(backups[0]!.createdAt)}).`,
          ].join('\n'),
        );
        if (!ok) ctx.exitCode = 1;
      }),
    );

  workspace
    .command('backup')
    .description(
      "copy the database now into the workspace's backups/ folder (the newest ten made on demand are kept, whatever batches back up)",
    )
    .action(
      run(async (ctx: CliContext) => {
        const backup = await ctx.call('workspace.backup', { workspaceId: chosenWorkspace(ctx).id });
        ctx.emit({ backup }, `Backed up: ${backup.fileName}`);
      }),
    );

  workspace
    .command('backups')
    .description("list the workspace's backups, newest first")
    .action(
      run(async (ctx: CliContext) => {
        const backups = await ctx.call('workspace.backups', {
          workspaceId: chosenWorkspace(ctx).id,
        });
        ctx.emit({ backups }, () =>
          backups.length === 0
            ? 'No backups yet.'
            : backups.map((b) => `${b.fileName}  ${when(b.createdAt)}  ${b.reason}`).join('\n'),
        );
      }),
    );

  workspace
    .command('restore')
    .description(
      "put a backup in place of the workspace's database (the one replaced is kept in replaced/)",
    )
    .requiredOption('--from <file>', "a backup's name (see `workspace backups`) or path")
    .option('--dry-run', 'only show what restoring would lose')
    .action(
      run(async (ctx: CliContext, o: { from: string; dryRun?: boolean }) => {
        const { id } = chosenWorkspace(ctx);
        // The operator's own path is allowed here (the window may only name its own backups):
        // the repository is called directly, the same service `workspace.restore` calls.
        const report = ctx.services.workspaces.restore(id, o.from, { dryRun: o.dryRun === true });
        const lost = report.lost;
        ctx.emit({ ...report }, () =>
          [
            `Backup ${report.backup.file}: its log ends at entry ${report.backup.seq}.`,
            lost.count === null
              ? 'What the replaced database held after it is unknown (it cannot be read).'
              : lost.count === 0
                ? 'Restoring it loses nothing.'
                : `Restoring it loses ${lost.count} log entries after it${lost.readable ? ':' : '.'}`,
            ...lost.entries
              .slice(0, SHOWN)
              .map((e) => `  ${e.seq}  ${e.time}  ${e.action}${e.subject ? `  ${e.subject}` : ''}`),
            ...(lost.entries.length > SHOWN
              ? [
                  `  … and ${(lost.count ?? lost.entries.length) - SHOWN} more (--json lists up to ${lost.entries.length})`,
                ]
              : []),
            report.restored
              ? `Restored. The replaced database is kept in ${report.replacedKeptAt}.`
              : 'Nothing was changed (dry run).',
          ].join('\n'),
        );
      }),
    );

  const audit = program.command('audit').description("a workspace's hash-chained audit log");

  audit
    .command('verify')
    .description('check the audit chain (or an exported file with --file)')
    .option('--file <file>', 'a JSON Lines export to check instead of a workspace')
    .action(
      run(async (ctx: CliContext, o: { file?: string }) => {
        const result = o.file ? verifyExport(o.file) : await verifyWorkspace(ctx);
        ctx.emit(result, () => describeLog(result));
        if (!result.ok) ctx.exitCode = 1;
      }),
    );

  audit
    .command('repair')
    .description(
      'accept a log that no longer matches its signed checkpoint (after it was examined): the finding is logged, a new checkpoint signed',
    )
    .action(
      run(async (ctx: CliContext) => {
        const result = await ctx.call('workspace.repairAudit', {
          workspaceId: chosenWorkspace(ctx).id,
        });
        const found = result.repaired;
        ctx.emit(result, () =>
          [
            found
              ? `Repaired: what was found (${found.reason}${found.brokenAt !== undefined ? ` at entry ${found.brokenAt}` : ''}${found.tables?.length ? `; records changed in ${found.tables.join(', ')}` : ''}) is logged, and a new checkpoint signed.`
              : 'Nothing to repair: the log was intact; nothing was changed.',
            describeLog(result),
          ].join('\n'),
        );
        if (!result.ok) ctx.exitCode = 1;
      }),
    );

  audit
    .command('list')
    .description('the log as the event list shows it, newest first: every entry, or filtered')
    .option('--type <type>', 'one kind of entry (for example reserved, code-exported)')
    .option('--subject <id>', 'the entries of one instance, device or item')
    .option('--limit <n>', 'at most this many, the newest')
    .action(
      run(async (ctx: CliContext, o: { type?: string; subject?: string; limit?: string }) => {
        const events = await listEvents(ctx, chosenWorkspace(ctx).id, o);
        ctx.emit({ events }, () => events.map(eventLine).join('\n'));
      }),
    );

  audit
    .command('export')
    .description('write the whole audit log as JSON Lines, one entry per line, for an auditor')
    .requiredOption('--out <file>', 'a new file')
    .action(
      run(async (ctx: CliContext, o: { out: string }) => {
        const out = await checkOut(o.out);
        const ws = ctx.services.workspaces.get(chosenWorkspace(ctx).id);
        const { text, count } = ws.db.read(() => formatAuditFile(ws.audit.entriesAfter(0)));
        const path = await writeOut(out, text.trimEnd());
        ctx.emit({ file: path, entries: count }, `Exported ${count} entries to ${path}`);
      }),
    );
}

const EVENTS_PAGE = 1000;

/**
 * The log's entries, newest first, read a page at a time. Entries committed meanwhile push the
 * older ones to later pages; an entry already listed is not listed again.
 */
export async function listEvents(
  ctx: CliContext,
  workspaceId: string,
  o: { type?: string; subject?: string; limit?: string },
): Promise<EventDto[]> {
  const limit = o.limit === undefined ? Infinity : decimalCount('--limit', o.limit);
  const filter = {
    ...(o.type ? { type: o.type } : {}),
    ...(o.subject ? { subject: o.subject } : {}),
  };
  const events: EventDto[] = [];
  for (let offset = 0; events.length < limit; offset += EVENTS_PAGE) {
    const page = await ctx.call('workspace.events', {
      workspaceId,
      offset,
      limit: EVENTS_PAGE,
      ...filter,
    });
    const oldest = events.at(-1)?.id ?? Infinity;
    events.push(...page.rows.filter((e) => e.id < oldest).slice(0, limit - events.length));
    if (page.rows.length < EVENTS_PAGE) break;
  }
  return events;
}

export const eventLine = (e: EventDto): string =>
  [new Date(e.time).toISOString(), e.type, e.instanceId ?? e.udi ?? ''].join('  ').trimEnd();

const entries = (n: number) => `${n} ${n === 1 ? 'entry' : 'entries'}`;

/** The verdict's first sentence, after "Audit log" (`workspace check` prints it alone). */
function logHeadline(result: AuditVerifyDto): string {
  if (result.ok) return `intact: ${entries(result.entries)}.`;
  if (result.reason === 'no-checkpoint')
    return `without any signed checkpoint (no-checkpoint; ${entries(result.entries)}, none of them signed).`;
  if (result.reason === 'records-changed')
    return `intact (${entries(result.entries)}), but records were changed outside Airlock, in: ${result.tables?.join(', ') ?? '?'} (records-changed: they no longer match what the log signed).`;
  return `broken at entry ${result.firstBrokenAt ?? '?'} (${result.reason}; ${entries(result.entries).replace(/^(\d+) /, '$1 good ')} before it).`;
}

/** A log's verdict in words: the chain, the newest signed checkpoint, what came after it. */
function describeLog(result: AuditVerifyDto): string {
  const lines = [`Audit log ${logHeadline(result)}`];
  if (result.accepted?.length)
    lines.push(`Breaks accepted by an explicit repair, at entries: ${result.accepted.join(', ')}.`);
  if (result.checkpoint)
    lines.push(
      `Newest signed checkpoint: entry ${result.checkpoint.seq} (${result.checkpoint.time}).`,
    );
  if (result.unsigned && result.checkpoint)
    lines.push(`${result.unsigned} entries after it (made while the key was locked).`);
  if (result.keyFingerprint) lines.push(`Signed with key ${result.keyFingerprint}.`);
  return lines.join('\n');
}

async function verifyWorkspace(ctx: CliContext) {
  return ctx.call('workspace.verifyAudit', { workspaceId: chosenWorkspace(ctx).id });
}

/** An export names its workspace on every line: the chain is checked for that one. */
function verifyExport(path: string) {
  let file: ReturnType<typeof statSync>;
  try {
    file = statSync(path);
  } catch (error) {
    throw readFailure(error, path);
  }
  if (!file.isFile()) throw new DomainError('FILE_NOT_REGULAR', { path });
  const result = readAuditFile(path);
  return {
    ok: result.ok,
    entries: result.entries.length,
    ...(result.firstBrokenAt !== undefined ? { firstBrokenAt: result.firstBrokenAt } : {}),
    ...(result.reason ? { reason: result.reason } : {}),
  };
}
