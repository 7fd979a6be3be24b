// `airlock authority …`: the license desk from the shell.

import type { Command } from 'commander';
import {
  EXIT_REFUSED,
  checkOut,
  decimalCount,
  readCodeArgument,
  toFailure,
  usage,
  writeOut,
} from './cli-io.ts';
import type { CliContext } from './context.ts';
import { shortTag } from '../../shared/i18n/short-tag.ts';
import { INSTANCE_FILTER_STATES } from '../../shared/ipc/dto.ts';
import type { InstanceDto, LicenseRowDto } from '../../shared/ipc/dto.ts';

import { applyFile, batchToFile, entriesIn } from './commands-batch.ts';
import { eventLine, listEvents } from './commands-workspace.ts';
import type { Run } from './run.ts';

/**
 * Signs and delivers an authorization code: `--out` is checked before anything is held, the key
 * unlocked, the code issued, printed and written. The code is already signed and its licenses
 * held when the file is written: if that still fails, the code is printed anyway, with the error,
 * so it is never lost.
 */
async function issue<R extends { authorizationCode: string }>(
  ctx: CliContext,
  workspaceId: string,
  outPath: string | undefined,
  sign: () => Promise<R>,
  shape: (result: R) => Record<string, unknown>,
): Promise<void> {
  const out = outPath ? await checkOut(outPath) : undefined;
  await ctx.unlock(workspaceId);
  const result = await sign();
  const value = shape(result);
  const code = result.authorizationCode;
  if (!out) return ctx.emit(value, code);
  let written: string;
  try {
    // The code leaves in that file: its outbox row says so, so no later "export all waiting" or
    // batch file carries it again as never written.
    const ws = ctx.services.workspaces.get(workspaceId);
    const item = ws.items.findOut(code);
    const write = async () => ({ path: await writeOut(out, code) });
    written = (item ? await ws.exportInFile([item], write) : await write()).path;
  } catch (error) {
    const { code: errorCode, message } = toFailure(error).error;
    ctx.emit({ ...value, error: { code: errorCode, message } }, code);
    ctx.out.stderr(`airlock: ${message} (the code above was issued: keep it)\n`);
    ctx.exitCode = EXIT_REFUSED;
    return;
  }
  ctx.emit({ ...value, file: written }, code);
  if (!ctx.options.json) ctx.out.stderr(`Written: ${written}\n`);
}

const withInstance = (r: { instance: { id: string }; authorizationCode: string }) => ({
  instance: r.instance.id,
  authorizationCode: r.authorizationCode,
});

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/**
 * `TAG=N` pairs into a record; a tag may itself contain `=`, so split at the last one. N is plain
 * decimal digits (decimalCount): `TAG=0x10` is refused, not read as 16.
 */
export function licensePairs(pairs: string[]): Record<string, number> {
  // A Map first: a key such as `__proto__` stays a key, not the object's prototype.
  const out = new Map<string, number>();
  for (const pair of pairs) {
    const at = pair.lastIndexOf('=');
    if (at <= 0 || at === pair.length - 1) throw usage(`--license expects TAG=N, got "${pair}"`);
    out.set(pair.slice(0, at), decimalCount('--license', pair.slice(at + 1)));
  }
  return Object.fromEntries(out);
}

/**
 * `--license NAME=N` with NAME the entitlement tag, or what `license list` shows of it: its
 * display name, or its short name (`UCM_Enhanced,12.0`, or `UCM_Enhanced` where only one release
 * is in the virtual account), any case. A name that fits more than one licence of `va` is a
 * usage error; one that fits none is passed on as it was given, for the desk to refuse by name.
 */
async function licensesOf(
  ctx: CliContext,
  workspaceId: string,
  va: string,
  pairs: string[],
): Promise<Record<string, number>> {
  const given = licensePairs(pairs);
  if (Object.keys(given).length === 0) return {};
  const rows = await ctx.call('authority.licenses', { workspaceId, va });
  const out = new Map<string, number>();
  for (const [name, count] of Object.entries(given)) {
    const key = name.toLowerCase();
    const fits = rows.filter((r) =>
      [r.tag, r.displayName, shortTag(r.tag), shortTag(r.tag).split(',')[0]!].some(
        (n) => n.toLowerCase() === key,
      ),
    );
    if (fits.length > 1 && !rows.some((r) => r.tag === name))
      throw usage(
        `--license ${name} fits more than one license of ${va}: ${fits.map((r) => shortTag(r.tag)).join(', ')}`,
      );
    const tag = fits.length === 1 ? fits[0]!.tag : name;
    out.set(tag, (out.get(tag) ?? 0) + count);
  }
  return Object.fromEntries(out);
}

function licenseRow(l: LicenseRowDto) {
  return {
    tag: l.tag,
    displayName: l.displayName,
    type: l.type,
    purchased: l.purchased,
    inUse: l.inUse,
    reserved: l.reserved,
    inTransit: l.inTransit,
    balance: l.balance,
    expires: l.expires,
  };
}

/**
 * The pool as CSSM's Licenses tab prints it (seed 001): Purchased, In Use with what of it is
 * reserved (`4 (4 Reserved)`), Substitution, Balance (`+ 6`). At a reservation desk everything in
 * use is reserved, and nothing is substituted (a reservation never borrows a higher tier: seeds
 * 000 and 004), so Substitution is CSSM's "-".
 */
function cssmRow(l: LicenseRowDto) {
  return {
    License: l.displayName,
    Type: l.type,
    Purchased: l.purchased,
    'In Use': l.inUse === 0 ? '0' : `${l.inUse} (${l.inUse} Reserved)`,
    Substitution: '-',
    Balance: `${l.balance >= 0 ? '+' : '-'} ${Math.abs(l.balance)}`,
    Expires: l.expires ?? '-',
    Alerts: l.alerts.map((a) => a.code).join(' '),
    // What `--license NAME=N` takes for it (the tag itself works too; --json lists it).
    '--license': shortTag(l.tag),
  };
}

function instanceRow(i: InstanceDto) {
  return {
    id: i.id,
    udi: i.udi,
    productType: i.productType,
    va: i.va,
    state: i.state,
    /** Whether the desk has the confirmation code of the live authorization (PLR needs none). */
    confirmed: i.confirmed,
    reservationType: i.reservationType,
    licenses: i.licenses,
  };
}

/** Column headings as CSSM's tables word them, for the fields the JSON names. */
const HEADINGS: Record<string, string> = {
  id: 'ID',
  udi: 'UDI',
  name: 'Name',
  va: 'Virtual Account',
  productType: 'Product Type',
  state: 'State',
  confirmed: 'Confirmed',
  reservationType: 'Reservation',
  displayName: 'License',
  tag: 'License',
  licenses: 'Licenses',
  purchased: 'Purchased',
  reserved: 'Reserved',
  inTransit: 'In Transit',
  balance: 'Balance',
  expires: 'Expires',
};

function table(rows: Array<Record<string, unknown>>, columns: string[]): string {
  const cells = rows.map((r) =>
    columns.map((c) =>
      typeof r[c] === 'object'
        ? JSON.stringify(r[c])
        : typeof r[c] === 'boolean'
          ? r[c]
            ? 'yes'
            : 'no'
          : String(r[c] ?? ''),
    ),
  );
  const headings = columns.map((c) => HEADINGS[c] ?? c);
  const widths = headings.map((h, i) => Math.max(h.length, ...cells.map((row) => row[i]!.length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(headings), ...cells.map(line)].join('\n');
}

export function authorityCommands(program: Command, run: Run): void {
  const authority = program
    .command('authority')
    .description('the license desk (authority workspace)');

  authority
    .command('init')
    .description('create an authority workspace and its signing key (license reservation enabled)')
    .requiredOption('--name <name>', 'workspace name')
    .action(
      run(async (ctx: CliContext, opts: { name: string }) => {
        const workspace = await ctx.call('workspace.create', {
          kind: 'authority',
          name: opts.name,
          passphrase: await ctx.passphrase(),
        });
        // A desk set up from the shell is set up to reserve: enable it on the smart account now.
        const overview = await ctx.call('authority.setReservationEnabled', {
          workspaceId: workspace.id,
          enabled: true,
        });
        ctx.emit(
          { workspace, fingerprint: overview.fingerprint },
          `Authority workspace "${workspace.name}" created (${workspace.id}).\nKey fingerprint: ${overview.fingerprint}`,
        );
      }),
    );

  const vas = authority.command('va').description('virtual accounts');
  vas
    .command('add <va>')
    .description('add a virtual account to the smart account')
    .action(
      run(async (ctx: CliContext, va: string) => {
        const workspaceId = ctx.workspaceId('authority');
        const overview = await ctx.call('authority.addVirtualAccount', { workspaceId, name: va });
        ctx.emit({ virtualAccounts: overview.virtualAccounts }, `Virtual account "${va}" added.`);
      }),
    );
  vas
    .command('list')
    .description("the smart account's virtual accounts, each with its pool's totals")
    .action(
      run(async (ctx: CliContext) => {
        const overview = await ctx.call('authority.overview', {
          workspaceId: ctx.workspaceId('authority'),
        });
        const virtualAccounts = overview.pool.map((p) => ({
          name: p.va,
          licenses: p.licenses,
          purchased: p.purchased,
          reserved: p.reserved,
          inTransit: p.inTransit,
          balance: p.balance,
        }));
        ctx.emit({ virtualAccounts }, () =>
          table(virtualAccounts, [
            'name',
            'licenses',
            'purchased',
            'reserved',
            'inTransit',
            'balance',
          ]),
        );
      }),
    );

  const license = authority.command('license').description('the license pool');
  license
    .command('add')
    .description('add purchased licenses of one entitlement to a virtual account')
    .requiredOption('--va <va>', 'the virtual account')
    .requiredOption('--tag <tag>', 'the entitlement tag (regid.…)')
    .requiredOption('--name <name>', 'display name')
    .requiredOption('--type <type>', 'PERPETUAL | TERM | SUBSCRIPTION')
    .requiredOption('--count <n>', 'how many were purchased')
    .option('--start <day>', 'YYYY-MM-DD')
    .option('--end <day>', 'YYYY-MM-DD')
    .option('--level <n>', 'tier level for substitution')
    .option('--export-controlled', 'export-controlled entitlement')
    .action(
      run(
        async (
          ctx: CliContext,
          o: {
            va: string;
            tag: string;
            name: string;
            type: string;
            count: string;
            start?: string;
            end?: string;
            level?: string;
            exportControlled?: boolean;
          },
        ) => {
          const rows = await ctx.call('authority.addLicense', {
            workspaceId: ctx.workspaceId('authority'),
            va: o.va,
            tag: o.tag,
            displayName: o.name,
            type: o.type.toUpperCase() as 'PERPETUAL',
            count: decimalCount('--count', o.count),
            ...(o.start ? { startDate: o.start } : {}),
            ...(o.end ? { endDate: o.end } : {}),
            ...(o.level !== undefined ? { level: decimalCount('--level', o.level) } : {}),
            ...(o.exportControlled ? { exportControlled: true } : {}),
          });
          const licenses = rows.map(licenseRow);
          ctx.emit({ licenses }, () =>
            table(licenses, ['tag', 'purchased', 'reserved', 'inTransit', 'balance', 'expires']),
          );
        },
      ),
    );
  license
    .command('list')
    .description("a virtual account's license pool as CSSM shows it, with the name --license takes")
    .requiredOption('--va <va>', 'the virtual account')
    .action(
      run(async (ctx: CliContext, o: { va: string }) => {
        const rows = await ctx.call('authority.licenses', {
          workspaceId: ctx.workspaceId('authority'),
          va: o.va,
        });
        ctx.emit({ licenses: rows.map(licenseRow) }, () =>
          table(rows.map(cssmRow), [
            'License',
            'Type',
            'Purchased',
            'In Use',
            'Substitution',
            'Balance',
            'Expires',
            'Alerts',
            '--license',
          ]),
        );
      }),
    );
  license
    .command('move')
    .description('move purchased licences to another virtual account (at most each balance)')
    .requiredOption('--from <va>')
    .requiredOption('--to <va>')
    .requiredOption('--license <tag=n>', 'a license and how many to move (repeatable)', collect)
    .action(
      run(async (ctx: CliContext, o: { from: string; to: string; license: string[] }) => {
        const workspaceId = ctx.workspaceId('authority');
        const licenses = await licensesOf(ctx, workspaceId, o.from, o.license);
        const moved = await ctx.call('authority.moveLicenses', {
          workspaceId,
          from: o.from,
          to: o.to,
          licenses,
        });
        const from = moved.from.map(licenseRow);
        const to = moved.to.map(licenseRow);
        ctx.emit({ from, to }, () =>
          [
            `Moved to ${o.to}:`,
            ...Object.entries(licenses).map(([tag, n]) => {
              const row = moved.to.find((r) => r.tag === tag);
              return `  ${n} × ${row?.displayName ?? tag}`;
            }),
            '',
            `${o.from}:`,
            table(moved.from.map(cssmRow), ['License', 'Purchased', 'In Use', 'Balance']),
            '',
            `${o.to}:`,
            table(moved.to.map(cssmRow), ['License', 'Purchased', 'In Use', 'Balance']),
          ].join('\n'),
        );
      }),
    );

  authority
    .command('catalog')
    .description('license catalogs of the products Airlock emulates')
    .command('load <catalog>')
    .description('load the UCM or Expressway (sample) catalog into a virtual account')
    .requiredOption('--va <va>', 'the virtual account')
    .requiredOption('--count <n>', 'purchased count of each license')
    .option(
      '--version <release>',
      "UCM: one release's user licenses (12 or 14), with PLR and the export key",
    )
    .action(
      run(
        async (
          ctx: CliContext,
          catalog: string,
          o: { va: string; count: string; version?: string },
        ) => {
          if (catalog !== 'ucm' && catalog !== 'expressway')
            throw usage('catalog must be ucm or expressway');
          const licenses = (
            await ctx.call('authority.loadCatalog', {
              workspaceId: ctx.workspaceId('authority'),
              va: o.va,
              catalog,
              count: decimalCount('--count', o.count),
              ...(o.version !== undefined ? { version: o.version } : {}),
            })
          ).map(licenseRow);
          ctx.emit({ licenses }, () => table(licenses, ['displayName', 'purchased', 'balance']));
        },
      ),
    );

  authority
    .command('reservation <state>')
    .description(
      'license reservation on the smart account: enable or disable (as CSSM; a desk made by authority init starts enabled)',
    )
    .action(
      run(async (ctx: CliContext, state: string) => {
        if (state !== 'enable' && state !== 'disable') throw usage('use enable or disable');
        const overview = await ctx.call('authority.setReservationEnabled', {
          workspaceId: ctx.workspaceId('authority'),
          enabled: state === 'enable',
        });
        ctx.emit(
          { smartAccount: overview.smartAccount, reservationEnabled: overview.reservationEnabled },
          `License reservation is ${overview.reservationEnabled ? 'enabled' : 'disabled'} for ${overview.smartAccount}.`,
        );
      }),
    );

  authority
    .command('reserve')
    .description(
      'turn a request code (or every one in a file, --batch) into a signed authorization code',
    )
    .requiredOption('--va <va>', 'the virtual account the licenses come from')
    .option('--request <code>', 'CODE or @FILE')
    .option('--batch <file>', 'every request code in a transfer file; the codes go to --out')
    .option('--plr', 'Permanent License Reservation')
    .option('--export-control', 'PLR with Export Control')
    .option('--license <tag=n>', 'SLR: a license and its count (repeatable)', collect)
    .option('--sme', 'SLR for a Session Management Edition cluster: its minimum set is required')
    .option('--any-product', "take licenses of another product than the request's too")
    .option('--out <file>', 'also write the authorization code to this file')
    .action(
      run(
        async (
          ctx: CliContext,
          o: {
            va: string;
            request?: string;
            batch?: string;
            plr?: boolean;
            exportControl?: boolean;
            license?: string[];
            sme?: boolean;
            anyProduct?: boolean;
            out?: string;
          },
        ) => {
          if ((o.request === undefined) === (o.batch === undefined))
            throw usage('give --request CODE, or --batch FILE with --out FILE');
          if (o.batch !== undefined && o.out === undefined)
            throw usage('--batch writes its authorization codes to --out FILE');
          if (o.plr && o.license) throw usage('use either --plr or --license, not both');
          if (o.sme && o.plr) throw usage('--sme applies to an SLR (--license)');
          if (!o.plr && !o.license)
            throw usage('choose --plr [--export-control] or one or more --license TAG=N');
          if (o.exportControl && !o.plr) throw usage('--export-control applies to --plr');
          const workspaceId = ctx.workspaceId('authority');
          const selection = o.plr
            ? { type: 'PLR' as const, exportControl: o.exportControl === true }
            : {
                type: 'SLR' as const,
                licenses: await licensesOf(ctx, workspaceId, o.va, o.license ?? []),
                ...(o.sme ? { sme: true } : {}),
                ...(o.anyProduct ? { anyProduct: true } : {}),
              };
          if (o.batch !== undefined) {
            const { codes: requestCodes, udis } = await entriesIn(ctx, o.batch, 'request');
            await ctx.unlock(workspaceId);
            const scope = { kind: 'authorization' as const, udis };
            return batchToFile(ctx, workspaceId, 'Reservations', o.out!, scope, (batchId) =>
              ctx.call('authority.reserveBatch', {
                workspaceId,
                va: o.va,
                requestCodes,
                selection,
                batchId,
              }),
            );
          }
          const requestCode = await readCodeArgument(
            o.request!,
            'request',
            ctx.services.ports.hasher,
          );
          await issue(
            ctx,
            workspaceId,
            o.out,
            () => ctx.call('authority.reserve', { workspaceId, va: o.va, requestCode, selection }),
            withInstance,
          );
        },
      ),
    );

  authority
    .command('update')
    .description(
      'Update Reserved Licenses: a new authorization code; the instance is in transit until confirmed',
    )
    .requiredOption('--instance <id>', 'the product instance (as instance list shows it)')
    .requiredOption('--license <tag=n>', 'a license and its new count (repeatable)', collect)
    .option('--out <file>')
    .action(
      run(async (ctx: CliContext, o: { instance: string; license: string[]; out?: string }) => {
        const workspaceId = ctx.workspaceId('authority');
        const { va } = await ctx.call('authority.instance', {
          workspaceId,
          instanceId: o.instance,
        });
        const licenses = await licensesOf(ctx, workspaceId, va, o.license);
        await issue(
          ctx,
          workspaceId,
          o.out,
          () => ctx.call('authority.update', { workspaceId, instanceId: o.instance, licenses }),
          (r) => ({ authorizationCode: r.authorizationCode }),
        );
      }),
    );

  authority
    .command('confirm')
    .description(
      'enter the confirmation code a product printed after installing (or --batch a file of them)',
    )
    .option('--instance <id>', 'the product instance (as instance list shows it)')
    .option('--code <code>', 'the confirmation code the product printed')
    .option('--batch <file>', 'every confirmation code in a transfer file')
    .action(
      run(async (ctx: CliContext, o: { instance?: string; code?: string; batch?: string }) => {
        const workspaceId = ctx.workspaceId('authority');
        if (o.batch !== undefined) {
          if (o.instance !== undefined || o.code !== undefined)
            throw usage('use --batch FILE, or --instance with --code, not both');
          return applyFile(ctx, workspaceId, 'Confirmations', o.batch, 'confirmation');
        }
        if (o.instance === undefined || o.code === undefined)
          throw usage('give --instance ID --code CODE, or --batch FILE');
        const instance = await ctx.call('authority.confirm', {
          workspaceId,
          instanceId: o.instance,
          confirmationCode: o.code,
        });
        ctx.emit(
          { instance: instanceRow(instance) },
          `Confirmed: ${instance.name} is ${instance.state}.`,
        );
      }),
    );

  authority
    .command('remove')
    .description(
      "enter a product's return code: the instance is removed, its licenses back in the pool (or --batch a file)",
    )
    .option('--instance <id>', 'the product instance (as instance list shows it)')
    .option('--return-code <code>', 'CODE or @FILE')
    .option('--batch <file>', 'every return code in a transfer file')
    .action(
      run(
        async (ctx: CliContext, o: { instance?: string; returnCode?: string; batch?: string }) => {
          if (o.batch !== undefined) {
            if (o.instance !== undefined || o.returnCode !== undefined)
              throw usage('use --batch FILE, or --instance with --return-code, not both');
            return applyFile(ctx, ctx.workspaceId('authority'), 'Returns', o.batch, 'return');
          }
          if (o.instance === undefined || o.returnCode === undefined)
            throw usage('give --instance ID --return-code CODE, or --batch FILE');
          const returnCode = await readCodeArgument(
            o.returnCode,
            'return',
            ctx.services.ports.hasher,
          );
          const instance = await ctx.call('authority.remove', {
            workspaceId: ctx.workspaceId('authority'),
            instanceId: o.instance,
            returnCode,
          });
          ctx.emit(
            { instance: instanceRow(instance) },
            `Removed ${instance.name} (its licenses are back in the pool).`,
          );
        },
      ),
    );

  authority
    .command('transfer')
    .description('move a product instance, with its reserved licenses, to another virtual account')
    .requiredOption('--instance <id>', 'the product instance')
    .requiredOption('--to-va <va>', 'the virtual account it moves to')
    .action(
      run(async (ctx: CliContext, o: { instance: string; toVa: string }) => {
        const instance = await ctx.call('authority.transfer', {
          workspaceId: ctx.workspaceId('authority'),
          instanceId: o.instance,
          toVa: o.toVa,
        });
        ctx.emit(
          { instance: instanceRow(instance) },
          `Transferred ${instance.name} to ${instance.va}.`,
        );
      }),
    );

  authority
    .command('rehost')
    .description('Rehost Licenses from a Failed Product')
    .requiredOption('--instance <id>', 'the product instance (as instance list shows it)')
    .requiredOption('--request <code>', "the replacement product's request code: CODE or @FILE")
    .requiredOption('--reason <text>')
    .option('--out <file>')
    .action(
      run(
        async (
          ctx: CliContext,
          o: { instance: string; request: string; reason: string; out?: string },
        ) => {
          const workspaceId = ctx.workspaceId('authority');
          const requestCode = await readCodeArgument(
            o.request,
            'request',
            ctx.services.ports.hasher,
          );
          await issue(
            ctx,
            workspaceId,
            o.out,
            () =>
              ctx.call('authority.rehost', {
                workspaceId,
                instanceId: o.instance,
                requestCode,
                reason: o.reason,
              }),
            withInstance,
          );
        },
      ),
    );

  authority
    .command('instance')
    .description('product instances: devices holding (or that held) a reservation')
    .command('list')
    .description('the product instances, oldest first')
    .option('--va <va>', 'only those of one virtual account')
    .option('--state <state>', `one of ${INSTANCE_FILTER_STATES.join(', ')}`)
    .option('--search <text>', 'part of the id, the UDI or the name')
    .action(
      run(async (ctx: CliContext, o: { va?: string; state?: string; search?: string }) => {
        const state = INSTANCE_FILTER_STATES.find((s) => s === o.state);
        if (o.state !== undefined && !state)
          throw usage(`--state is one of ${INSTANCE_FILTER_STATES.join(', ')}`);
        const instances = (
          await ctx.call('authority.instances', {
            workspaceId: ctx.workspaceId('authority'),
            ...(o.va ? { va: o.va } : {}),
            ...(state ? { state } : {}),
            ...(o.search ? { search: o.search } : {}),
          })
        ).map(instanceRow);
        ctx.emit({ instances }, () =>
          table(instances, [
            'id',
            'udi',
            'productType',
            'va',
            'state',
            'confirmed',
            'reservationType',
          ]),
        );
      }),
    );

  authority
    .command('events')
    .description('the log, newest first (the same as `airlock audit list`)')
    .option('--type <type>', 'one kind of entry (for example reserved, code-exported)')
    .option('--subject <id>', 'the entries of one instance')
    .option('--limit <n>', 'at most this many, the newest')
    .action(
      run(async (ctx: CliContext, o: { type?: string; subject?: string; limit?: string }) => {
        const events = await listEvents(ctx, ctx.workspaceId('authority'), o);
        ctx.emit({ events }, () => events.map(eventLine).join('\n'));
      }),
    );

  authority
    .command('report <report>')
    .description('licenses | instances | events as CSV, the columns the window exports')
    .option('--va <va>', 'one virtual account (licenses, instances)')
    .requiredOption('--out <file>', 'a new .csv file')
    .action(
      run(async (ctx: CliContext, report: string, o: { va?: string; out: string }) => {
        if (report !== 'licenses' && report !== 'instances' && report !== 'events')
          throw usage('the report is licenses, instances or events');
        const out = await checkOut(o.out);
        const { csv } = await ctx.call('authority.exportCsv', {
          workspaceId: ctx.workspaceId('authority'),
          report,
          ...(o.va ? { va: o.va } : {}),
        });
        const path = await writeOut(out, csv.replace(/\r\n$/, ''));
        const rows = csv.split('\r\n').filter((l) => l !== '').length - 1;
        ctx.emit({ file: path, rows }, `Wrote ${rows} rows to ${path}`);
      }),
    );

  authority
    .command('trust')
    .description("the authority's public key, for sites to verify its codes")
    .command('export <file>')
    .description("write the authority's public key as a trust file for sites")
    .action(
      run(async (ctx: CliContext, file: string) => {
        const trust = await ctx.call('authority.trustFile', {
          workspaceId: ctx.workspaceId('authority'),
        });
        const path = await writeOut(file, trust.text.trimEnd());
        ctx.emit(
          { file: path, fingerprint: trust.fingerprint },
          `Trust file written: ${path}\nFingerprint: ${trust.fingerprint}`,
        );
      }),
    );
}
