// `airlock transfer drives`, `airlock inspect`, `airlock audit verify`.

import type { Command } from 'commander';
import { DomainError } from '../../shared/errors.ts';
import type { WorkspaceDto } from '../../shared/ipc/dto.ts';
import { readFileLimited } from '../services/files.ts';
import type { CliContext } from './context.ts';
import type { Run } from './run.ts';
import { usage } from './cli-io.ts';

/** The workspace of either side that `--workspace` names; naming none that exists is refused. */
function named(ctx: CliContext, nameOrId: string): WorkspaceDto {
  const found = ctx.services.workspaces
    .list()
    .find((w) => w.id === nameOrId || w.name.toLowerCase() === nameOrId.toLowerCase());
  if (!found) throw new DomainError('WORKSPACE_NOT_FOUND', { workspace: nameOrId });
  return found;
}

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
          ? named(ctx, ctx.options.workspace).id
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
          ? named(ctx, ctx.options.workspace)
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
            : `Audit log broken at entry ${result.firstBrokenAt} (${result.reason}; ${result.entries} good entries before it).`,
        );
        if (!result.ok) ctx.exitCode = 1;
      }),
    );
}
