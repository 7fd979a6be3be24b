// The check every open makes of a workspace database (`PRAGMA quick_check`, which reads the whole
// file), run either at once or on the machine's other core: a worker thread with its own
// read-only connection, so the app shows its first screen while the check runs. Nothing is
// committed before the check has passed — a writer that comes early waits for its verdict.

import { createRequire } from 'node:module';
import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';
import { DomainError } from '../../../shared/errors.ts';
import { WORKSPACE_APPLICATION_ID } from '../../../shared/migrations/workspace-schema.ts';
import type { Sqlite } from './workspace-db.ts';

export type CheckVerdict = { ok: true } | { ok: false; problem: string };

const PENDING = 0;
const PASSED = 1;
const FAILED = 2;

/** What is wrong with the database on this connection, or ok: ours, and every page sound. */
export function checkConnection(sqlite: Sqlite): CheckVerdict {
  const appId = sqlite.pragma('application_id', { simple: true }) as number;
  if (appId !== WORKSPACE_APPLICATION_ID)
    return {
      ok: false,
      problem:
        appId === 0
          ? 'not an Airlock workspace database (empty or damaged header)'
          : 'not an Airlock workspace database',
    };
  const problems = (sqlite.pragma('quick_check(5)') as Array<Record<string, string>>)
    .map((row) => Object.values(row)[0])
    .filter((p) => p !== 'ok');
  return problems.length > 0
    ? { ok: false, problem: problems.join('; ').slice(0, 300) }
    : { ok: true };
}

// The worker's whole program: plain CommonJS (no bundler reaches it), the same checks as above.
const WORKER = `
const { workerData } = require('node:worker_threads');
const { path, module, appId, flag, port } = workerData;
let verdict;
try {
  const Database = require(module);
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const found = db.pragma('application_id', { simple: true });
    if (found !== appId) verdict = { ok: false, problem: 'not an Airlock workspace database' };
    else {
      const problems = db.pragma('quick_check(5)').map((r) => Object.values(r)[0]).filter((p) => p !== 'ok');
      verdict = problems.length ? { ok: false, problem: problems.join('; ').slice(0, 300) } : { ok: true };
    }
  } finally {
    db.close();
  }
} catch (error) {
  verdict = { ok: false, problem: String((error && error.message) || error).slice(0, 300) };
}
port.postMessage(verdict);
Atomics.store(flag, 0, verdict.ok ? ${PASSED} : ${FAILED});
Atomics.notify(flag, 0);
`;

function sqliteModule(): string {
  const here = typeof __filename === 'string' ? __filename : import.meta.url;
  return createRequire(here).resolve('better-sqlite3');
}

/** A check running in a worker thread; `verdict()` waits for it (blocking, on the shared flag). */
export class BackgroundCheck {
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));
  private readonly channel = new MessageChannel();
  private readonly worker: Worker;
  private settled: CheckVerdict | undefined;
  private notRun = false;

  constructor(path: string) {
    this.worker = new Worker(WORKER, {
      eval: true,
      workerData: {
        path,
        module: sqliteModule(),
        appId: WORKSPACE_APPLICATION_ID,
        flag: this.flag,
        port: this.channel.port2,
      },
      transferList: [this.channel.port2],
    });
    this.worker.unref();
    this.worker.once('error', () => {
      // A worker that cannot even start (no threads, a module that will not load there) says
      // nothing about the file: `verdict()` then answers undefined and the caller checks itself.
      this.notRun = true;
      Atomics.store(this.flag, 0, FAILED);
      Atomics.notify(this.flag, 0);
    });
  }

  /**
   * The check's verdict, waiting for it when it is still running (at most `timeoutMs`);
   * undefined when the worker could not run it.
   */
  verdict(timeoutMs = 120_000): CheckVerdict | undefined {
    if (this.settled) return this.settled;
    Atomics.wait(this.flag, 0, PENDING, timeoutMs);
    if (this.notRun) return undefined;
    const message = receiveMessageOnPort(this.channel.port1);
    if (message) this.settled = message.message as CheckVerdict;
    if (!this.settled && Atomics.load(this.flag, 0) === PASSED) this.settled = { ok: true };
    if (this.settled) this.channel.port1.close();
    return this.settled;
  }
}

export function damaged(path: string, problem: string): DomainError {
  return new DomainError('STORE_DAMAGED', { path, problem });
}
