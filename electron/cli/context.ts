// What every CLI command gets: the services, the router, the global options and the output.

import type { Channel, Request, Response } from '../../shared/ipc/contract.ts';
import type { Side } from '../../shared/ipc/dto.ts';
import type { AppServices } from '../app-services.ts';
import type { Router } from '../ipc/router.ts';
import { valueOf } from './cli-io.ts';

export interface GlobalOptions {
  data?: string;
  workspace?: string;
  json?: boolean;
  passphraseFile?: string;
}

export interface Output {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** stderr when it is a terminal: long batches draw a progress bar on it. */
  progress?: NodeJS.WritableStream;
}

/** The passphrase a run was given (--passphrase-file, else AIRLOCK_PASSPHRASE), read once. */
export interface PassphraseSource {
  optional(): string | undefined;
  required(): string;
}

export class CliContext {
  /** Set by a command that ran but reports a refusal (e.g. a device console that said no). */
  exitCode = 0;

  constructor(
    readonly services: AppServices,
    private readonly router: Router,
    readonly options: GlobalOptions,
    readonly out: Output,
    private readonly given: PassphraseSource,
  ) {}

  /** Where a progress bar may be drawn (a terminal), if anywhere. */
  get progressStream(): NodeJS.WritableStream | undefined {
    return this.out.progress;
  }

  async call<C extends Channel>(channel: C, request: Request<C>): Promise<Response<C>> {
    return valueOf(await this.router.invoke(channel, request)) as Response<C>;
  }

  workspaceId(kind: Side): string {
    return this.services.workspaces.resolve(kind, this.options.workspace).id;
  }

  /** The passphrase this run was given; PASSPHRASE_REQUIRED (usage) when there is none. */
  async passphrase(): Promise<string> {
    return this.given.required();
  }

  /** The passphrase if this run was given one. */
  optionalPassphrase(): string | undefined {
    return this.given.optional();
  }

  /** Unlocks the authority key for a command that signs. */
  async unlock(workspaceId: string): Promise<void> {
    await this.call('authority.unlock', { workspaceId, passphrase: await this.passphrase() });
  }

  /** `--json`: the object; otherwise the human text. */
  emit(value: object, human: string | (() => string)): void {
    if (this.options.json) this.out.stdout(`${JSON.stringify(value)}\n`);
    else {
      const text = typeof human === 'string' ? human : human();
      if (text !== '') this.out.stdout(text.endsWith('\n') ? text : `${text}\n`);
    }
  }
}
