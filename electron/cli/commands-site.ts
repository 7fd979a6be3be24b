// `airlock site …`: devices on the isolated network, emulated or real.

import type { Command } from 'commander';
import type { DeviceDetailDto } from '../../shared/ipc/dto.ts';
import { englishAlert, englishMessage } from '../services/error-message.ts';
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

const BLOCKED: Record<string, string> = {
  'evaluation-expired': 'the evaluation period has expired',
  'overage-expired': 'the overage period has expired',
};

/** What the device shows beyond its statuses: its banner, the block, overage, sessions. */
function licensingLines(d: DeviceDetailDto): string[] {
  const l = d.licensing;
  if (!l) return [];
  const lines: string[] = [];
  if (l.banner) lines.push(l.banner.text);
  if (l.provisioningBlocked)
    lines.push(
      `New users and devices are refused: ${BLOCKED[l.provisioningBlocked]} (consumption can only go down).`,
    );
  if (l.overage.running) lines.push(`Overage period: ${l.overage.remainingDays} days remaining.`);
  if (l.encryptedSessions) {
    const s = l.encryptedSessions;
    lines.push(
      `Encrypted sessions: ${s.active} active, limit ${s.limit ?? 'none'}${s.limitReached ? ' (reached: admitted again below 99 %)' : ''}, WebRTC ${s.webRtc ? 'on' : 'off'}.`,
    );
  }
  return lines;
}

const REFUSED_BECAUSE: Record<string, string> = {
  'export-limit': 'the export-control limit on encrypted sessions',
  'evaluation-expired': 'the evaluation period has expired: no new registrations',
  'overage-expired': 'the overage period has expired: no new registrations',
};

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
    .option(
      '--version <release>',
      'emulated: the release it runs (12.5, 14SU2, X14.2); default current',
    )
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
            version?: string;
          },
        ) => {
          if (o.host && o.uuid) throw usage('use --host or --uuid, not both');
          if (o.version && o.external) throw usage('--version applies to an emulated device');
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
            ...(o.version ? { softwareVersion: o.version } : {}),
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
          licensing: d.licensing,
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
            ...(d.licensing?.softwareVersion ? [`Release: ${d.licensing.softwareVersion}`] : []),
            ...(d.pendingRequestCode ? [`Pending request code: ${d.pendingRequestCode}`] : []),
            ...licensingLines(d),
            ...d.licenses.map(
              (l) => `${l.tag}  reserved ${l.reserved ?? 'all'}  in use ${l.inUse}  ${l.status}`,
            ),
            ...(d.licensing?.syslog.length ? ['', 'Syslog:'] : []),
            ...(d.licensing?.syslog ?? []).map(
              (e) => `  ${new Date(e.time).toISOString()}  ${e.message}`,
            ),
          ].join('\n'),
        );
      }),
    );

  site
    .command('usage')
    .description(
      'simulate license consumption (--tag, --count) or, on Expressway, encrypted sessions (--sessions)',
    )
    .requiredOption('--device <id>')
    .option('--tag <tag>')
    .option('--count <n>')
    .option('--sessions <n>', 'Expressway: active encrypted calls and registrations')
    .option('--webrtc <on|off>', 'Expressway: WebRTC enabled (its limit is 2244, else 2500)')
    .action(
      run(
        async (
          ctx: CliContext,
          o: { device: string; tag?: string; count?: string; sessions?: string; webrtc?: string },
        ) => {
          const workspaceId = ctx.workspaceId('site');
          const consumption = o.tag !== undefined || o.count !== undefined;
          const sessions = o.sessions !== undefined || o.webrtc !== undefined;
          if (consumption === sessions)
            throw usage('give --tag and --count, or --sessions (with --webrtc on|off)');
          if (consumption) {
            if (o.tag === undefined || o.count === undefined)
              throw usage('--tag and --count go together');
            const d = await ctx.call('site.setUsage', {
              workspaceId,
              deviceId: o.device,
              tag: o.tag,
              count: decimalCount('--count', o.count),
            });
            ctx.emit(
              {
                authorizationStatus: d.authorizationStatus,
                licenses: d.licenses,
                licensing: d.licensing,
              },
              () =>
                [`Authorization status: ${d.authorizationStatus}`, ...licensingLines(d)].join('\n'),
            );
            return;
          }
          if (o.webrtc !== undefined && o.webrtc !== 'on' && o.webrtc !== 'off')
            throw usage('--webrtc takes on or off');
          const device = await ctx.call('site.device', { workspaceId, deviceId: o.device });
          const active =
            o.sessions !== undefined
              ? decimalCount('--sessions', o.sessions)
              : (device.licensing?.encryptedSessions?.active ?? 0);
          const r = await ctx.call('site.setSessions', {
            workspaceId,
            deviceId: o.device,
            active,
            ...(o.webrtc !== undefined ? { webRtc: o.webrtc === 'on' } : {}),
          });
          const { device: d, ...admission } = r;
          ctx.emit({ ...admission, alarms: d.alarms }, () =>
            [
              `Encrypted sessions: ${r.active} active, limit ${r.limit ?? 'none'}.`,
              ...(r.refused > 0
                ? [
                    `${r.refused} refused (${r.admitted} admitted): ${REFUSED_BECAUSE[r.refusedBecause ?? 'export-limit']}.`,
                  ]
                : []),
              ...d.alarms.map((a) => `Alarm: ${englishAlert(a.code, a.facts)}`),
            ].join('\n'),
          );
          if (r.refused > 0) ctx.exitCode = EXIT_REFUSED;
        },
      ),
    );

  site
    .command('upgrade')
    .description('record that an emulated device was upgraded to another release')
    .requiredOption('--device <id>')
    .requiredOption('--version <release>', '12.5, 14, 14SU3, X14.2 …')
    .action(
      run(async (ctx: CliContext, o: { device: string; version: string }) => {
        const d = await ctx.call('site.upgrade', {
          workspaceId: ctx.workspaceId('site'),
          deviceId: o.device,
          version: o.version,
        });
        ctx.emit(
          { softwareVersion: d.licensing?.softwareVersion ?? null },
          `${d.name} now runs ${d.licensing?.softwareVersion ?? o.version}.`,
        );
      }),
    );
}
