// `airlock site …`: devices on the isolated network, emulated or real.

import type { Command } from 'commander';
import { resolve } from 'node:path';
import {
  DEVICE_LIST_MAX_CHARS,
  type DeviceDetailDto,
  type DeviceRowDto,
} from '../../shared/ipc/dto.ts';
import { englishAlert, englishMessage } from '../services/error-message.ts';
import { readFileLimited } from '../services/files.ts';
import { EXIT_REFUSED, checkOut, decimalCount, usage } from './cli-io.ts';
import { batchToFile, entriesIn } from './commands-batch.ts';
import type { CliContext } from './context.ts';
import type { Run } from './run.ts';
import { DEVICE_STAGES } from '../../shared/ipc/contract.ts';

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

/** Devices listed per call when a command reads the whole list. */
const PAGE = 1000;

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** `--all` or `--device ID …`: undefined for all (main picks the eligible ones). */
function chosenDevices(o: { all?: boolean; device?: string[] }): string[] | undefined {
  if ((o.all === true) === (o.device !== undefined))
    throw usage('give --all, or one or more --device ID');
  return o.device;
}

export function siteCommands(program: Command, run: Run): void {
  const site = program.command('site').description('the isolated network (site workspace)');

  site
    .command('init')
    .description(
      "create a site workspace (with its own key for signing its log), trusting an authority's key",
    )
    .requiredOption('--name <name>', 'workspace name')
    .option('--trust <file>', "the authority's trust file")
    .action(
      run(async (ctx: CliContext, o: { name: string; trust?: string }) => {
        const trustFile = o.trust
          ? await readFileLimited(o.trust, { maxBytes: 64 * 1024 })
          : undefined;
        // With a passphrase (AIRLOCK_PASSPHRASE, --passphrase-file) the site's checkpoint key is
        // kept under it; without one, only by the file's permissions (audit verify says so).
        const passphrase = ctx.optionalPassphrase();
        const workspace = await ctx.call('workspace.create', {
          kind: 'site',
          name: o.name,
          ...(trustFile ? { trustFile } : {}),
          ...(passphrase ? { passphrase } : {}),
        });
        ctx.emit({ workspace }, `Site workspace "${workspace.name}" created (${workspace.id}).`);
      }),
    );

  site
    .command('trust')
    .description('the authority whose codes this site accepts')
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

  const devices = site.command('device').description("the site's devices");
  devices
    .command('add')
    .description('add one device (emulated, or --external for a real one)')
    .option('--external', 'a real device: Airlock keeps its ledger and carries its codes')
    .option('--product <product>', 'ucm | expressway | ios-xe (default: from the PID)')
    .option('--name <name>', 'a name to know it by (default: its id)')
    .requiredOption('--pid <pid>', 'product id, the P: of its UDI (UCM, EXPWY-VE-…, C9300-…)')
    .requiredOption('--sn <sn>', 'serial number, the S: of its UDI')
    .option('--vid <vid>', 'version id, the V: of its UDI')
    .option('--host <hostid>', 'Expressway: its host id, the H: of its UDI')
    .option('--uuid <uuid>', 'CUCM: its UUID, the U: of its UDI (8-4-4-4-12 hexadecimal digits)')
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
    .requiredOption('--device <id>', 'the device (as device list shows it)')
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
    .description("a device's licensing status, as its console shows it")
    .requiredOption('--device <id>', 'the device (as device list shows it)')
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
    .requiredOption('--device <id>', 'the device (as device list shows it)')
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
    .requiredOption('--device <id>', 'the device (as device list shows it)')
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
  devices
    .command('list')
    .description("the site's devices, oldest first")
    .option('--state <state>', `where the reservation stands: ${DEVICE_STAGES.join(', ')}`)
    .action(
      run(async (ctx: CliContext, o: { state?: string }) => {
        const stage = DEVICE_STAGES.find((s) => s === o.state);
        if (o.state !== undefined && !stage)
          throw usage(`--state is one of ${DEVICE_STAGES.join(', ')}`);
        const workspaceId = ctx.workspaceId('site');
        const rows: DeviceRowDto[] = [];
        for (let offset = 0; ; offset += PAGE) {
          const page = await ctx.call('site.devicePage', {
            workspaceId,
            offset,
            limit: PAGE,
            ...(stage ? { stage } : {}),
          });
          rows.push(...page.rows);
          if (rows.length >= page.total || page.rows.length === 0) break;
        }
        const list = rows.map((d) => ({
          id: d.id,
          name: d.name,
          kind: d.kind,
          product: d.product,
          udi: d.udi,
          registrationStatus: d.registrationStatus,
          waitingFor: d.waitingFor,
        }));
        ctx.emit({ devices: list }, () =>
          list.length === 0
            ? 'No devices.'
            : list
                .map(
                  (d) => `${d.id}  ${d.kind}  ${d.udi}  ${d.registrationStatus}  (${d.waitingFor})`,
                )
                .join('\n'),
        );
      }),
    );

  devices
    .command('import <file>')
    .description(
      'add the devices of a CSV list (header: product, pid, sn; name, vid, hostId, uuid, external)',
    )
    .option('--dry-run', "check every row and add nothing (each row's verdict)")
    .action(
      run(async (ctx: CliContext, file: string, o: { dryRun?: boolean }) => {
        const csv = await readFileLimited(file, { maxBytes: DEVICE_LIST_MAX_CHARS });
        const result = await ctx.call('site.addDevices', {
          workspaceId: ctx.workspaceId('site'),
          csv,
          dryRun: o.dryRun === true,
        });
        const rows = result.rows.map((r) => ({
          line: r.line,
          ok: r.ok,
          udi: r.udi,
          ...(r.deviceId ? { deviceId: r.deviceId } : {}),
          ...(r.error ? { error: { code: r.error.code, message: r.error.message } } : {}),
        }));
        const refused = rows.filter((r) => !r.ok);
        ctx.emit({ added: result.added, rows }, () =>
          [
            o.dryRun
              ? `Checked ${rows.length} rows: ${rows.length - refused.length} can be added, ${refused.length} cannot.`
              : `Added ${result.added} devices; ${refused.length} rows refused.`,
            ...rows.map((r) =>
              r.ok
                ? `  line ${r.line}: ${r.deviceId ?? 'ok'}  ${r.udi ?? ''}`.trimEnd()
                : `  line ${r.line}: ${r.error?.message ?? 'refused'}`,
            ),
          ].join('\n'),
        );
        if (refused.length > 0) ctx.exitCode = EXIT_REFUSED;
      }),
    );

  site
    .command('request')
    .description('enable reservation where needed and put every request code into one file')
    .option('--all', 'every emulated device with neither a reservation nor a request waiting')
    .option('--device <id>', 'a device (repeatable)', collect)
    .requiredOption('--out <file>', 'the transfer file for the authority (a new file)')
    .action(
      run(async (ctx: CliContext, o: { all?: boolean; device?: string[]; out: string }) => {
        const deviceIds = chosenDevices(o);
        const workspaceId = ctx.workspaceId('site');
        const scope = { kind: 'request' as const, ...(deviceIds ? { subjects: deviceIds } : {}) };
        await batchToFile(ctx, workspaceId, 'Request codes', o.out, scope, (batchId) =>
          ctx.call('site.requestBatch', {
            workspaceId,
            ...(deviceIds ? { deviceIds } : {}),
            batchId,
          }),
        );
      }),
    );

  site
    .command('install')
    .description(
      'install every authorization code of a transfer file on the device its UDI names; the confirmation codes go to --out',
    )
    .requiredOption('--batch <file>', 'the transfer file from the authority')
    .requiredOption('--out <file>', 'the transfer file of confirmation codes (a new file)')
    .action(
      run(async (ctx: CliContext, o: { batch: string; out: string }) => {
        const workspaceId = ctx.workspaceId('site');
        const path = resolve(o.batch);
        const { udis } = await entriesIn(ctx, path, 'authorization');
        await checkOut(o.out);
        const imported = await ctx.call('transfer.import', {
          workspaceId,
          file: ctx.services.handles.file(path),
        });
        // Codes this file brought that are still to be installed (a file imported before keeps
        // the codes it already installed out of the batch).
        const itemIds = imported.items
          .filter((i) => i.kind === 'authorization' && i.status === 'imported')
          .map((i) => i.id);
        const unmatched = imported.items.filter((i) => i.status === 'failed');
        const installedBefore = imported.items.filter(
          (i) => i.kind === 'authorization' && i.status === 'applied',
        ).length;
        const scope = { kind: 'confirmation' as const, udis };
        await batchToFile(
          ctx,
          workspaceId,
          'Installs',
          o.out,
          scope,
          async (batchId) => {
            const result =
              itemIds.length > 0
                ? await ctx.call('site.installBatch', { workspaceId, itemIds, batchId })
                : { items: [], outboxCount: 0, done: 0, total: 0, cancelled: false };
            // A code no device here answers is a refused item too.
            const refused = unmatched.map((i, n) => ({
              index: result.total + n,
              ok: false,
              ...(i.udi ? { udi: i.udi } : {}),
              ...(i.error ? { error: i.error } : {}),
            }));
            return {
              ...result,
              items: [...result.items, ...refused],
              done: result.done + refused.length,
              total: result.total + refused.length,
            };
          },
          installedBefore,
        );
      }),
    );

  site
    .command('return')
    .description('return reservations; every return code goes into one file')
    .option('--all', 'every emulated device that holds a reservation')
    .option('--device <id>', 'a device (repeatable)', collect)
    .requiredOption('--out <file>', 'the transfer file for the authority (a new file)')
    .action(
      run(async (ctx: CliContext, o: { all?: boolean; device?: string[]; out: string }) => {
        const deviceIds = chosenDevices(o);
        const workspaceId = ctx.workspaceId('site');
        const scope = { kind: 'return' as const, ...(deviceIds ? { subjects: deviceIds } : {}) };
        await batchToFile(ctx, workspaceId, 'Returns', o.out, scope, (batchId) =>
          ctx.call('site.returnBatch', {
            workspaceId,
            ...(deviceIds ? { deviceIds } : {}),
            batchId,
          }),
        );
      }),
    );
}
