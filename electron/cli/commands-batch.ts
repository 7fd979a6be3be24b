// Batches from the shell: many devices, one file each way. Each command reads its file before it
// changes anything, runs the same batch the screens run (in chunks, with a progress bar on a
// terminal), writes what goes back across the gap to exactly the file named by --out, and ends
// with one verdict: exit 0 when every item succeeded, 1 when any was refused (each one listed).

import { randomBytes } from 'node:crypto';
import { basename, dirname, resolve } from 'node:path';
import { SingleBar } from 'cli-progress';
import { DomainError } from '../../shared/errors.ts';
import type { BatchItemDto, BatchResultDto, TransferItemDto } from '../../shared/ipc/dto.ts';
import type { CodeKind } from '../../shared/codes/classify.ts';
import { parseUdiText, udiKey } from '../../shared/codes/udi.ts';
import { EXIT_REFUSED, checkOut, readCodesFile, toFailure } from './cli-io.ts';
import type { CliContext } from './context.ts';

/** The codes of one kind a transfer file (or a plain file of one code) holds, with their UDIs. */
export async function entriesIn(
  ctx: CliContext,
  file: string,
  kind: CodeKind,
): Promise<{ codes: string[]; udis: string[] }> {
  const path = resolve(file);
  const entries = (await readCodesFile(path, ctx.services.ports.hasher)).file.entries.filter(
    (e) => e.kind === kind,
  );
  if (entries.length === 0) throw new DomainError('CLI_FILE_CODE_COUNT', { path, kind, found: 0 });
  return {
    codes: entries.map((e) => e.code),
    udis: entries.flatMap((e) => (e.udi ? [e.udi] : [])),
  };
}

/** The codes of one kind a transfer file (or a plain file of one code) holds. */
export async function codesIn(ctx: CliContext, file: string, kind: CodeKind): Promise<string[]> {
  return (await entriesIn(ctx, file, kind)).codes;
}

/**
 * Runs a batch under a fresh id, with a progress bar on stderr when it is a terminal and the
 * output is not JSON. The bar follows main's progress events (done, total, rate, time left).
 */
export async function withProgress<T>(
  ctx: CliContext,
  label: string,
  batch: (batchId: string) => Promise<T>,
): Promise<T> {
  const batchId = `b-${randomBytes(6).toString('hex')}`;
  const show = ctx.progressStream !== undefined && !ctx.options.json;
  const bar = show
    ? new SingleBar({
        stream: ctx.progressStream,
        format: `${label} [{bar}] {value}/{total} · {rate}/s · {eta_formatted} left`,
        hideCursor: true,
        clearOnComplete: true,
      })
    : undefined;
  let started = false;
  const stop = ctx.services.onEvent((event) => {
    if (!bar || event.type !== 'batch-progress' || event.batchId !== batchId) return;
    if (!started) bar.start(event.total, 0, { rate: 0 });
    started = true;
    bar.update(event.done, { rate: event.rate });
  });
  try {
    return await batch(batchId);
  } finally {
    stop();
    if (started) bar?.stop();
  }
}

/** Writes the given outbox items as one transfer file at exactly `out`; returns its path. */
export async function exportTo(
  ctx: CliContext,
  workspaceId: string,
  itemIds: readonly string[],
  out: string,
): Promise<string> {
  const written = await ctx.call('transfer.export', {
    workspaceId,
    folder: ctx.services.handles.folder(dirname(out)),
    fileName: basename(out),
    itemIds: [...new Set(itemIds)],
  });
  return written.path;
}

interface Refusal {
  index: number;
  item: string | null;
  code: string;
  message: string;
}

function refusalsOf(items: readonly BatchItemDto[]): Refusal[] {
  return items
    .filter((i) => !i.ok)
    .map((i) => ({
      index: i.index,
      item: i.instanceId ?? i.udi ?? null,
      code: i.error?.code ?? 'REFUSED',
      message: i.error?.message ?? '',
    }));
}

/**
 * Prints a batch's verdict — JSON with `--json`, else a summary and one line per refusal — and
 * sets exit 1 when anything was refused, cancelled or could not be written.
 */
export function verdict(
  ctx: CliContext,
  what: string,
  result: Pick<BatchResultDto, 'items' | 'done' | 'total' | 'cancelled'>,
  extra: {
    file?: string | null;
    writeError?: { code: string; message: string };
    /** Codes of an earlier run, never written before, that this run's file carries too. */
    carried?: number;
    /** Codes an earlier import of the same codes had applied: nothing was done for them now. */
    appliedBefore?: number;
  } = {},
): void {
  const refused = refusalsOf(result.items);
  const succeeded = result.items.filter((i) => i.ok).length;
  const value = {
    ok: refused.length === 0 && !result.cancelled && !extra.writeError,
    total: result.total,
    done: result.done,
    succeeded,
    refused,
    ...(result.cancelled ? { cancelled: true } : {}),
    ...(extra.file !== undefined ? { file: extra.file } : {}),
    ...(extra.writeError ? { error: extra.writeError } : {}),
    ...(extra.carried ? { carried: extra.carried } : {}),
    ...(extra.appliedBefore ? { appliedBefore: extra.appliedBefore } : {}),
  };
  ctx.emit(value, () =>
    [
      `${what}: ${succeeded} of ${result.total} done${refused.length ? `, ${refused.length} refused` : ''}.`,
      ...refused.map((r) => `  #${r.index + 1}${r.item ? ` ${r.item}` : ''}: ${r.message}`),
      ...(extra.appliedBefore
        ? [
            `${extra.appliedBefore} code(s) of the file had been applied by an earlier import: nothing was done for them now.`,
          ]
        : []),
      ...(extra.carried
        ? [
            `Also in the file: ${extra.carried} code(s) an earlier run made but never wrote to a file.`,
          ]
        : []),
      ...(extra.file ? [`Written: ${extra.file}`] : []),
      ...(extra.writeError
        ? [
            `Not written: ${extra.writeError.message} The codes are kept in the outbox: run the same command again, or airlock transfer export --out FILE.`,
          ]
        : []),
    ].join('\n'),
  );
  if (!value.ok) ctx.exitCode = EXIT_REFUSED;
}

/**
 * Which codes left over from an earlier run go into this run's file too: those of `kind` still
 * waiting in the outbox (never written to a file: the run was killed, or its file could not be
 * written) for the devices this run covers.
 */
export interface Leftovers {
  /** One kind of code; undefined: every kind. */
  kind?: CodeKind;
  /** The devices (site) or instances (desk) this run covers; undefined: all of them. */
  subjects?: readonly string[];
  /** Or the UDIs it covers (the entries of its input file). */
  udis?: readonly string[];
}

const PAGE = 1000;

/** Outbox codes (of a kind) that wait to be written, for the devices or UDIs given. */
export async function waitingLeftovers(
  ctx: CliContext,
  workspaceId: string,
  leftovers: Leftovers,
): Promise<string[]> {
  const subjects = leftovers.subjects && new Set(leftovers.subjects);
  const udis = leftovers.udis && new Set(leftovers.udis.map(udiKeyOf));
  const found: string[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await ctx.call('transfer.itemPage', {
      workspaceId,
      direction: 'out',
      ...(leftovers.kind ? { kind: leftovers.kind } : {}),
      status: 'waiting',
      offset,
      limit: PAGE,
    });
    for (const item of page.rows) {
      const covered = udis
        ? item.udi !== null && udis.has(udiKeyOf(item.udi))
        : !subjects || (item.subject !== null && subjects.has(item.subject));
      if (covered) found.push(item.id);
    }
    if (page.rows.length < PAGE) return found;
  }
}

function udiKeyOf(text: string): string {
  try {
    return udiKey(parseUdiText(text, { lenient: true }));
  } catch {
    return text;
  }
}

/**
 * A batch whose codes go back across the gap in one file at `out` (checked before the batch):
 * run it, then write the outbox items it produced, with the `leftovers` of an earlier run that
 * never reached a file (re-running a killed batch completes its file). A failed write is
 * reported; the codes stay queued in the outbox, committed.
 */
export async function batchToFile(
  ctx: CliContext,
  workspaceId: string,
  what: string,
  outPath: string,
  leftovers: Leftovers,
  batch: (batchId: string) => Promise<BatchResultDto>,
  /** Codes of the file an earlier import had already applied (not in the batch). */
  appliedBefore = 0,
): Promise<void> {
  const out = await checkOut(outPath);
  const result = await withProgress(ctx, what, batch);
  const mine = result.items.flatMap((i) => (i.ok && i.outboxItemId ? [i.outboxItemId] : []));
  // Read after the batch: a code the batch itself settled (answered, superseded) is not carried.
  const earlier = await waitingLeftovers(ctx, workspaceId, leftovers);
  const made = new Set(mine);
  const carried = earlier.filter((id) => !made.has(id)).length;
  const itemIds = [...new Set([...mine, ...earlier])];
  const before = appliedBefore > 0 ? { appliedBefore } : {};
  const extra = { ...before, ...(carried > 0 ? { carried } : {}) };
  if (itemIds.length === 0) return verdict(ctx, what, result, { file: null, ...before });
  try {
    verdict(ctx, what, result, {
      file: await exportTo(ctx, workspaceId, itemIds, out),
      ...extra,
    });
  } catch (error) {
    const { code, message } = toFailure(error).error;
    verdict(ctx, what, result, { file: null, writeError: { code, message }, ...before });
  }
}

/** A file of codes that apply where they land (confirmations, returns at the desk). */
export async function applyFile(
  ctx: CliContext,
  workspaceId: string,
  what: string,
  file: string,
  kind: CodeKind,
): Promise<void> {
  const path = resolve(file);
  await codesIn(ctx, path, kind); // a file without such codes is refused before anything changes
  const started = ctx.services.ports.clock.now();
  const imported = await ctx.call('transfer.import', {
    workspaceId,
    file: ctx.services.handles.file(path),
  });
  const mine = imported.items.filter((i) => i.kind === kind);
  const items: BatchItemDto[] = mine.map((item: TransferItemDto, index) => ({
    index,
    ok: item.status === 'applied',
    ...(item.subject ? { instanceId: item.subject } : {}),
    ...(item.udi ? { udi: item.udi } : {}),
    ...(item.error ? { error: item.error } : {}),
  }));
  // The same file again: its codes were applied by the earlier import, and nothing was done now.
  const before = mine.filter(
    (i) => i.status === 'applied' && i.doneAt !== null && i.doneAt < started,
  ).length;
  verdict(
    ctx,
    what,
    { items, done: items.length, total: items.length, cancelled: false },
    before ? { appliedBefore: before } : {},
  );
}
