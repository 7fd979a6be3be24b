// `airlock site …`: devices on the isolated network, emulated or real.

import type { Command } from 'commander';
import { englishMessage } from '../services/error-message.ts';
import { readFileLimited } from '../services/files.ts';
import { EXIT_REFUSED, decimalCount, usage } from './cli-io.ts';
import type { CliContext } from './context.ts';
import type { Run } from './run.ts';

function productFor(
  pid: string,
  external: boolean,
  given?: string,
): 'ucm' | 'expressway' | 'ios-xe' {
  if (given) {
    if (given !== 'ucm' && given !== 'expressway' && given !== 'ios-xe')
      throw usage('--product must be ucm, expressway or ios-xe');
    return given;
  }
  if (/^ucm/i.test(pid)) return 'ucm';
  if (/^expressway/i.test(pid)) return 'expressway';
  if (external) return 'ios-xe';
  throw usage(
    'an emulated device must be a UCM or an Expressway (use --product, or --external for other products)',
  );
}

export function siteCommands(program: Command, run: Run): void {
  const site = program.command('site').description('the isolated network (site workspace)');

  site
    .command('init')
    .requiredOption('--name <name>')
    .option('--trust <file>', "the authority's trust file")
    .action(
      run(async (ctx: CliContext, o: { name: string; trust?: string }) => {
        const trustFile = o.trust
          ? await readFileLimited(o.trust, { maxBytes: 64 * 1024 })
          : undefined;
        const workspace = await ctx.call('workspace.create', {
          kind: 'site',
          name: o.name,
          ...(trustFile ? { trustFile } : {}),
        });
        ctx.emit({ workspace }, `Site workspace "${workspace.name}" created (${workspace.id}).`);
      }),
    );

  site
    .command('trust')
    .command('import <file>')
    .description("trust an authority's key (its trust file)")
    .option('--replace', 'replace the authority trusted now (compare both fingerprints first)')
    .action(
      run(async (ctx: CliContext, file: string, o: { replace?: boolean }) => {
        const trustFile = await readFileLimited(file, { maxBytes: 64 * 1024 });
        const overview = await ctx.call('site.importTrust', {
          workspaceId: ctx.workspaceId('site'),
          trustFile,
          ...(o.replace ? { replace: true } : {}),
        });
        ctx.emit(
          { trust: overview.trust },
          `Trusted: ${overview.trust?.authorityName}\nFingerprint: ${overview.trust?.fingerprint}`,
        );
      }),
    );

  site
    .command('device')
    .command('add')
    .option('--external', 'a real device: Airlock keeps its ledger and carries its codes')
    .option('--product <product>', 'ucm | expressway | ios-xe (default: from the PID)')
    .option('--name <name>')
    .requiredOption('--pid <pid>')
    .requiredOption('--sn <sn>')
    .option('--vid <vid>')
    .option('--host <hostid>')
    .option('--uuid <uuid>')
    .action(
      run(
        async (
          ctx: CliContext,
          o: {
            external?: boolean;
            product?: string;
            name?: string;
            pid: string;
            sn: string;
            vid?: string;
            host?: string;
            uuid?: string;
          },
        ) => {
          if (o.host && o.uuid) throw usage('use --host or --uuid, not both');
          const device = await ctx.call('site.addDevice', {
            workspaceId: ctx.workspaceId('site'),
            external: o.external === true,
            product: productFor(o.pid, o.external === true, o.product),
            pid: o.pid,
            sn: o.sn,
            ...(o.name ? { name: o.name } : {}),
            ...(o.vid ? { vid: o.vid } : {}),
            ...(o.host ? { hostId: o.host } : {}),
            ...(o.uuid ? { uuid: o.uuid } : {}),
          });
          ctx.emit({ device: { id: device.id, udi: device.udi } }, `${device.id}  ${device.udi}`);
        },
      ),
    );

  site
    .command('exec')
    .description('run a device command in either syntax; prints what the device prints')
    .requiredOption('--device <id>')
    .argument('<command-line>')
    .action(
      run(async (ctx: CliContext, line: string, o: { device: string }) => {
        const printed = await ctx.call('site.exec', {
          workspaceId: ctx.workspaceId('site'),
          deviceId: o.device,
          line,
        });
        // Exactly the documented shape: {output, requestCode?, confirmationCode?, returnCode?},
        // and a refusal's {error: {code, message}} as every other command gives it.
        const { output, requestCode, confirmationCode, returnCode, error } = printed;
        const result = {
          output,
          ...(requestCode ? { requestCode } : {}),
          ...(confirmationCode ? { confirmationCode } : {}),
          ...(returnCode ? { returnCode } : {}),
          ...(!printed.ok && error
            ? { error: { code: error.code, message: englishMessage(error.code, error.facts) } }
            : {}),
        };
        ctx.emit(result, output);
        if (!printed.ok) ctx.exitCode = EXIT_REFUSED;
      }),
    );

  site
    .command('status')
    .requiredOption('--device <id>')
    .action(
      run(async (ctx: CliContext, o: { device: string }) => {
        const d = await ctx.call('site.device', {
          workspaceId: ctx.workspaceId('site'),
          deviceId: o.device,
        });
        const status = {
          registrationStatus: d.registrationStatus,
          authorizationStatus: d.authorizationStatus,
          reservationType: d.reservationType,
          pendingRequestCode: d.pendingRequestCode,
          exportControlled: d.exportControlled,
          licenses: d.licenses.map((l) => ({
            tag: l.tag,
            reserved: l.reserved,
            inUse: l.inUse,
            status: l.status,
          })),
        };
        ctx.emit(status, () =>
          [
            `Registration status: ${d.registrationStatus}`,
            `Authorization status: ${d.authorizationStatus}`,
            `Export-Controlled Functionality: ${d.exportControlled}`,
            ...(d.pendingRequestCode ? [`Pending request code: ${d.pendingRequestCode}`] : []),
            ...d.licenses.map(
              (l) => `${l.tag}  reserved ${l.reserved ?? 'all'}  in use ${l.inUse}  ${l.status}`,
            ),
          ].join('\n'),
        );
      }),
    );

  site
    .command('usage')
    .description('simulate license consumption on an emulated device')
    .requiredOption('--device <id>')
    .requiredOption('--tag <tag>')
    .requiredOption('--count <n>')
    .action(
      run(async (ctx: CliContext, o: { device: string; tag: string; count: string }) => {
        const d = await ctx.call('site.setUsage', {
          workspaceId: ctx.workspaceId('site'),
          deviceId: o.device,
          tag: o.tag,
          count: decimalCount('--count', o.count),
        });
        ctx.emit(
          { authorizationStatus: d.authorizationStatus, licenses: d.licenses },
          `Authorization status: ${d.authorizationStatus}`,
        );
      }),
    );
}
