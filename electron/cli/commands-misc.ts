// `airlock transfer drives`, `airlock inspect`.

import type { Command } from 'commander';
import { readFileLimited } from '../services/files.ts';
import type { CliContext } from './context.ts';
import type { Run } from './run.ts';

export function miscCommands(program: Command, run: Run): void {
  program
    .command('transfer')
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
    .description('decode any code (CODE or @FILE)')
    .action(
      run(async (ctx: CliContext, code: string) => {
        const text = code.startsWith('@') ? await readFileLimited(code.slice(1)) : code;
        const workspaceId = ctx.options.workspace
          ? ctx.services.workspaces.find(ctx.options.workspace).id
          : undefined;
        const report = await ctx.call('codes.inspect', {
          text,
          ...(workspaceId ? { workspaceId } : {}),
        });
        ctx.emit(report, () => JSON.stringify(report, null, 2));
      }),
    );
}
