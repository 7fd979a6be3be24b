// The `airlock` command line: the same services and IPC router as the desktop app, for scripted
// and batch work. Exit 0 done, 1 refused by the domain (message on stderr), 2 usage error.

import { Command, CommanderError } from 'commander';
import type { DomainPorts } from '../../shared/ports.ts';
import { createAppServices } from '../app-services.ts';
import { createRouter } from '../ipc/router.ts';
import { DomainError, isDomainError } from '../../shared/errors.ts';
import { errorDto } from '../services/error-message.ts';
import { internalErrorReport, newErrorReference } from '../services/internal-error.ts';
import { CliFailure, EXIT_OK, EXIT_USAGE, toFailure, usage } from './cli-io.ts';
import { readPassphraseFile } from './passphrase-file.ts';
import { authorityCommands } from './commands-authority.ts';
import { miscCommands } from './commands-misc.ts';
import { siteCommands } from './commands-site.ts';
import { workspaceCommands } from './commands-workspace.ts';
import { CliContext, type GlobalOptions, type Output, type PassphraseSource } from './context.ts';
import { type DataDirUse, resolveDataDir, usableDataDir } from './data-dir.ts';
import type { Action } from './run.ts';

declare const AIRLOCK_VERSION: string | undefined;

export interface CliEnvironment extends Output {
  env: NodeJS.ProcessEnv;
  /** The domain's ports (a test's clock); the machine's own when absent. */
  ports?: Partial<DomainPorts>;
}

/**
 * An exception that is neither the domain's nor the CLI's own: the stack goes to stderr under a
 * fresh reference, and the answer (INTERNAL_ERROR {command, reference}) names only the reference.
 */
function internalFailure(error: unknown, command: string, io: Output): CliFailure {
  const reference = newErrorReference();
  io.stderr(internalErrorReport(reference, command, error));
  return new CliFailure(errorDto('INTERNAL_ERROR', { command, reference }));
}

/**
 * AIRLOCK_BUSY_TIMEOUT_MS: how long a change waits for another process's transaction before
 * WORKSPACE_BUSY (a whole number of ms; the services' default when unset or not a number).
 */
function busyTimeout(env: NodeJS.ProcessEnv): { busyTimeoutMs?: number } {
  const text = env.AIRLOCK_BUSY_TIMEOUT_MS?.trim();
  if (!text || !/^\d{1,9}$/.test(text)) return {};
  return { busyTimeoutMs: Number(text) };
}

/**
 * The passphrase this run was given (--passphrase-file, else AIRLOCK_PASSPHRASE), read once. A
 * passphrase file that cannot be used is an error only for a command that uses a passphrase: a
 * named file is never taken for "no passphrase" (that would leave a site's key unprotected).
 */
async function passphraseSource(
  options: GlobalOptions,
  io: CliEnvironment,
): Promise<PassphraseSource> {
  let value: string | undefined;
  let problem: unknown;
  if (options.passphraseFile) {
    try {
      value = await readPassphraseFile(options.passphraseFile, { warn: io.stderr });
    } catch (error) {
      problem = error;
    }
  } else value = io.env.AIRLOCK_PASSPHRASE || undefined;
  return {
    optional: () => {
      if (problem !== undefined) throw problem;
      return value;
    },
    required: () => {
      if (problem !== undefined) throw problem;
      if (value) return value;
      throw usage(
        'A passphrase is needed: use --passphrase-file FILE or AIRLOCK_PASSPHRASE.',
        'PASSPHRASE_REQUIRED',
      );
    },
  };
}

/** `authority reserve` for the reserve subcommand: where an internal error happened. */
function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/**
 * A wrong passphrase read from a file: the message names the file (typed on no keyboard, the
 * advice about Caps Lock does not apply).
 */
function fromPassphraseFile(failure: CliFailure, file: string | undefined): CliFailure {
  return file && failure.error.code === 'PASSPHRASE_WRONG'
    ? toFailure(new DomainError('PASSPHRASE_WRONG', { file, ...failure.error.facts }))
    : failure;
}

/**
 * Commands that start a workspace make the data folder, and so do those that need none (reading
 * a code, listing drives: the services keep preferences there); every other one needs the folder
 * to be there.
 */
function dataDirUse(path: string): DataDirUse {
  return ['authority init', 'site init', 'inspect', 'transfer drives'].includes(path)
    ? 'make'
    : 'find';
}

/** Refusals that may only mean the command looked in another data folder than meant. */
const NOT_HERE = new Set(['WORKSPACE_NONE', 'WORKSPACE_NOT_FOUND']);

export async function runCli(argv: readonly string[], io: CliEnvironment): Promise<number> {
  // Only as the whole command line: `--version` is also an option of commands (a release).
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    io.stdout(`${typeof AIRLOCK_VERSION === 'string' ? AIRLOCK_VERSION : '0.0.0'}\n`);
    return EXIT_OK;
  }
  let exitCode = EXIT_OK;
  let json = argv.includes('--json');
  const program = new Command('airlock')
    .description('Airlock: Smart License Reservation across an air gap')
    .option('--data <dir>', 'data directory (default: AIRLOCK_DATA, else the app user-data folder)')
    .option('--workspace <name>', 'workspace name or id (default: the only one of that side)')
    .option('--json', 'print one JSON object on stdout')
    .option('--passphrase-file <file>', 'authority passphrase (else AIRLOCK_PASSPHRASE)')
    .addHelpText(
      'after',
      '\n`airlock --version` prints the version; `airlock COMMAND --help` describes a command.',
    )
    .exitOverride()
    .configureOutput({
      writeOut: io.stdout,
      writeErr: (text) => (json ? undefined : io.stderr(text)),
    })
    .showHelpAfterError(false);

  const run =
    (action: Action) =>
    async (...args: unknown[]): Promise<void> => {
      const command = args[args.length - 1] as Command;
      const options = command.optsWithGlobals<GlobalOptions>();
      json = options.json === true;
      const dataDir = resolveDataDir(options.data, io.env);
      try {
        const passphrase = await passphraseSource(options, io);
        const services = createAppServices({
          dataDir: usableDataDir(dataDir, dataDirUse(commandPath(command))),
          appVersion: typeof AIRLOCK_VERSION === 'string' ? AIRLOCK_VERSION : '0.0.0',
          ...busyTimeout(io.env),
          ...(io.ports ? { ports: io.ports } : {}),
          // A workspace whose log is signed with a passphrase-protected key is unlocked with it
          // when a change needs the key (see workspace-base.ts).
          passphrase: () => passphrase.optional(),
        });
        const router = createRouter(services, {
          onInternalError: (error, reference, channel) =>
            io.stderr(internalErrorReport(reference, channel, error)),
        });
        const ctx = new CliContext(services, router, options, io, passphrase);
        try {
          await (action as (...a: unknown[]) => Promise<void>)(ctx, ...args.slice(0, -1));
        } finally {
          await services.close(); // background backups finish; databases close (WAL folded in)
        }
        exitCode = ctx.exitCode;
      } catch (error) {
        const failure =
          error instanceof CliFailure || isDomainError(error)
            ? fromPassphraseFile(toFailure(error), options.passphraseFile)
            : internalFailure(error, commandPath(command), io);
        if (NOT_HERE.has(failure.error.code))
          failure.error.message += ` (Data folder: ${dataDir}; another one with --data DIR or AIRLOCK_DATA.)`;
        if (failure.error.code === 'AUDIT_KEY_LOCKED')
          failure.error.message +=
            ' From the command line: its passphrase in AIRLOCK_PASSPHRASE or --passphrase-file (a site key kept in the system keychain opens only in the app).';
        if (json)
          io.stdout(
            `${JSON.stringify({ error: { code: failure.error.code, message: failure.error.message } })}\n`,
          );
        io.stderr(`airlock: ${failure.error.message}\n`);
        exitCode = failure.exitCode;
      }
    };

  authorityCommands(program, run);
  siteCommands(program, run);
  workspaceCommands(program, run);
  miscCommands(program, run);

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return EXIT_OK; // --help, --version
      if (json) {
        const message = error.message.replace(/^error: /, '');
        io.stdout(`${JSON.stringify({ error: { code: 'USAGE', message } })}\n`);
        // Commander's own output is held back under --json; the message still goes to stderr.
        io.stderr(`airlock: ${message}\n`);
      }
      return EXIT_USAGE;
    }
    throw error;
  }
  return exitCode;
}
