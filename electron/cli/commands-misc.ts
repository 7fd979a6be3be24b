// `airlock transfer drives`, `airlock transfer export`, `airlock inspect`.

import type { Command } from 'commander';
import { CODE_KINDS } from '../../shared/codes/classify.ts';
import { checkOut, usage } from './cli-io.ts';
import { exportTo, waitingLeftovers } from './commands-batch.ts';
import { chosenWorkspace } from './commands-workspace.ts';
import type { InspectReport } from '../../shared/ipc/dto.ts';
import { isTransferFileText, readTransferFile } from '../../shared/transfer/transfer-file.ts';
import { readFileLimited } from '../services/files.ts';
import type { CliContext } from './context.ts';
import { inspectText } from './inspect-text.ts';
import type { Run } from './run.ts';

export function miscCommands(program: Command, run: Run): void {
  const transfer = program
    .command('transfer')
    .description('codes on their way across the gap: drives, the outbox');

  transfer
    .command('export')
    .description(
      'write every code waiting in the outbox (made, never written to a file or marked carried) into one transfer file',
    )
    .option('--kind <kind>', `only one kind: ${CODE_KINDS.join(', ')}`)
    .requiredOption('--out <file>', 'the transfer file (a new file)')
    .action(
      run(async (ctx: CliContext, o: { kind?: string; out: string }) => {
        const kind = CODE_KINDS.find((k) => k === o.kind);
        if (o.kind !== undefined && !kind) throw usage(`--kind is one of ${CODE_KINDS.join(', ')}`);
        const out = await checkOut(o.out);
        const { id } = chosenWorkspace(ctx);
        const itemIds = await waitingLeftovers(ctx, id, kind ? { kind } : {});
        const file = itemIds.length ? await exportTo(ctx, id, itemIds, out) : null;
        ctx.emit({ codes: itemIds.length, file }, () =>
          file ? `Written: ${itemIds.length} code(s) to ${file}` : 'No code waits in the outbox.',
        );
      }),
    );

  transfer
    .command('drives')
    .description('list removable drives')
    .action(
      run(async (ctx: CliContext) => {
        const found = await ctx.call('transfer.drives', {});
        const drives = found.map(({ path, label, removable, freeBytes }) => ({
          path,
          label,
          removable,
          freeBytes,
        }));
        ctx.emit({ drives }, () =>
          drives.length === 0
            ? 'No removable drive found.'
            : drives
                .map((d) =>
                  `${d.path}  ${d.label}  ${d.freeBytes === null ? '' : `${Math.floor(d.freeBytes / 1_048_576)} MiB free`}`.trimEnd(),
                )
                .join('\n'),
        );
      }),
    );

  program
    .command('inspect <code>')
    .description('decode any code (CODE, or @FILE: a file of one code, or a transfer file)')
    .action(
      run(async (ctx: CliContext, code: string) => {
        const text = code.startsWith('@') ? await readFileLimited(code.slice(1)) : code;
        const workspaceId = ctx.options.workspace
          ? ctx.services.workspaces.find(ctx.options.workspace).id
          : undefined;
        const inspect = (one: string) =>
          ctx.call('codes.inspect', { text: one, ...(workspaceId ? { workspaceId } : {}) });
        // A file of one code goes to Inspect as it is (its diagnosis of a garbled code included);
        // a transfer file is read, checked, and each of its codes inspected.
        const read =
          code.startsWith('@') && isTransferFileText(text)
            ? readTransferFile(text, ctx.services.ports.hasher)
            : undefined;
        if (read?.format !== 'airlock') {
          const report = await inspect(text);
          return ctx.emit(report, () => inspectText(report));
        }
        // A transfer file: every code in it, in its order, with what the file says of it.
        const codes: Array<{
          index: number;
          kind: string;
          udi?: string;
          label?: string;
          report: InspectReport;
        }> = [];
        for (const [index, entry] of read.file.entries.entries())
          codes.push({
            index,
            kind: entry.kind,
            ...(entry.udi ? { udi: entry.udi } : {}),
            ...(entry.label ? { label: entry.label } : {}),
            report: await inspect(entry.code),
          });
        const value = { file: read.file.from, createdAt: read.file.createdAt, codes };
        ctx.emit(value, () =>
          codes
            .map(
              (c) =>
                `[${c.index + 1}] ${c.kind}${c.label ? ` ${c.label}` : ''}\n${inspectText(c.report)}\n`,
            )
            .join('\n'),
        );
      }),
    );
}
