// `airlock transfer drives`, `airlock inspect`, `airlock audit verify`.

import type { Command } from 'commander';
import { readFileLimited } from '../services/files.ts';
import type { CliContext } from './context.ts';
import type { Run } from './run.ts';
import { usage } from './cli-io.ts';

export function miscCommands(program: Command, run: Run): void {
  program
    .command('transfer')
    .command('drives')
    .description('list removable drives')
    .action(
      run(async (ctx: CliContext) => {
        const drives = await ctx.call('transfer.drives', {});
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
          ? ctx.services.workspaces
              .list()
              .find((w) => w.id === ctx.options.workspace || w.name === ctx.options.workspace)?.id
          : undefined;
        const report = await ctx.call('codes.inspect', {
          text,
          ...(workspaceId ? { workspaceId } : {}),
        });
        ctx.emit(report, () => JSON.stringify(report, null, 2));
      }),
    );

  program
    .command('audit')
    .command('verify')
    .description("check the workspace's hash-chained audit log")
    .action(
      run(async (ctx: CliContext) => {
        const all = ctx.services.workspaces.list();
        const chosen = ctx.options.workspace
          ? all.find(
              (w) =>
                w.id === ctx.options.workspace ||
                w.name.toLowerCase() === ctx.options.workspace!.toLowerCase(),
            )
          : all.length === 1
            ? all[0]
            : undefined;
        if (!chosen)
          throw usage(
            all.length === 0
              ? 'there is no workspace'
              : 'choose the workspace with --workspace NAME',
            all.length === 0 ? 'WORKSPACE_NONE' : 'WORKSPACE_AMBIGUOUS',
          );
        const result = await ctx.call('workspace.verifyAudit', { workspaceId: chosen.id });
        ctx.emit(
          result,
          result.ok
            ? `Audit log intact: ${result.entries} entries.`
            : `Audit log broken at line ${result.firstBrokenAt} (${result.entries} good entries before it).`,
        );
        if (!result.ok) ctx.exitCode = 1;
      }),
    );
}
