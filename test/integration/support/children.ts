// Child processes that work on a workspace the way the app or a script would, so a test can kill
// one (SIGKILL: no cleanup, no last words) at any moment and then look at what is left on disk.

import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './cli.ts';

const CHILD = join(ROOT, 'test', 'integration', 'support', 'workspace-child.ts');

export type Job =
  /** Devices one at a time (UCM, UDIs from device number `first` on): `{ id, udi }` each. */
  | { kind: 'add-devices'; first: number; count: number }
  /** One SLR reservation at a time for UCM device numbers first…: `{ instanceId, udi, code }`. */
  | { kind: 'reserve'; first: number; count: number; va: string; tag: string }
  /** A device list of `count` rows in one call: `{ added }`. */
  | { kind: 'device-list'; first: number; count: number }
  /**
   * Enable and request on every emulated device without a request, in one call: `{ progress }`
   * after each committed chunk, then `{ requested }`.
   */
  | { kind: 'request-batch' }
  /** One batch reservation for UCM device numbers first…: `{ progress }` …, `{ ok, instanceIds }`. */
  | { kind: 'reserve-batch'; first: number; count: number; va: string; tag: string };

export interface ChildArguments {
  dataDir: string;
  workspaceId: string;
  /** An authority's passphrase: the child unlocks the key before it says `ready`. */
  passphrase?: string;
  clockMs: number;
  seed: number;
  job: Job;
}

export interface Child {
  readonly process: ChildProcess;
  /** Every complete stdout line so far. */
  readonly lines: string[];
  /** When each line arrived (ms, this process's clock), index for index. */
  readonly arrived: number[];
  /** Resolves once the child printed `line` (rejects if it ended first). */
  printed(line: string): Promise<void>;
  /** Resolves once the child acknowledged `count` results (rejects if it ended first). */
  acknowledgedAtLeast(count: number): Promise<void>;
  /** Resolves when the child has ended and its output is read to the last byte. */
  readonly ended: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

/** Starts the child on a job (`node --import tsx workspace-child.ts`). */
export function startChild(args: ChildArguments): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify(args)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const arrived: number[] = [];
  const waiting: Array<{ done: () => boolean; resolve: () => void }> = [];
  let partial = '';
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop()!;
    for (const line of parts) {
      lines.push(line);
      arrived.push(performance.now());
    }
    for (const waiter of waiting.splice(0)) {
      if (waiter.done()) waiter.resolve();
      else waiting.push(waiter);
    }
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => (stderr += chunk));
  const ended = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stderr: string;
  }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stderr })));
  const until = (done: () => boolean, what: string) =>
    done()
      ? Promise.resolve()
      : new Promise<void>((resolve, reject) => {
          waiting.push({ done, resolve });
          void ended.then(({ code, stderr: text }) => {
            if (!done()) reject(new Error(`the child ended (${code}) before ${what}:\n${text}`));
          });
        });
  const acks = () => lines.filter((line) => line.startsWith('{')).length;
  return {
    process: child,
    lines,
    arrived,
    printed: (line) => until(() => lines.includes(line), `"${line}"`),
    acknowledgedAtLeast: (count) => until(() => acks() >= count, `${count} results`),
    ended,
  };
}

/** The JSON results a child acknowledged (its lines other than ready/start/done). */
export function acknowledged<T>(child: Child): T[] {
  return child.lines.filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as T);
}

/** How long passed between two lines the child printed (ms). */
export function between(child: Child, from: string, to: (line: string) => boolean): number {
  const start = child.lines.indexOf(from);
  const end = child.lines.findIndex((line, i) => i > start && to(line));
  if (start < 0 || end < 0) throw new Error(`no "${from}" followed by the line asked for`);
  return child.arrived[end]! - child.arrived[start]!;
}

/**
 * Kills the child `ms` from now (SIGKILL: as a power cut or the task manager would); `killed`
 * is false when it had already finished by itself.
 */
export async function killAfter(child: Child, ms: number) {
  await new Promise((resolve) => setTimeout(resolve, ms));
  child.process.kill('SIGKILL');
  const end = await child.ended;
  return { ...end, killed: end.signal === 'SIGKILL' };
}
