// ECDSA P-256 signing and verifying for batches, fanned out over worker threads: one per core
// (at most four), each parsing a key once and keeping it. The main process goes on with its own
// work meanwhile; a batch without workers (one core, or workers refused) signs and verifies on
// the main thread exactly as before.

import { availableParallelism } from 'node:os';
import { type KeyObject, sign, verify } from 'node:crypto';
import { Worker } from 'node:worker_threads';

// The worker's whole program: plain CommonJS (no bundler reaches it). Keys arrive as KeyObjects
// (cloned between threads, never exported as text) once per worker and stay in its map.
const WORKER = `
const { parentPort } = require('node:worker_threads');
const { sign, verify } = require('node:crypto');
const keys = new Map();
parentPort.on('message', (job) => {
  try {
    if (job.key) keys.set(job.keyId, job.key);
    const key = keys.get(job.keyId);
    if (!key) throw new Error('no key ' + job.keyId);
    const options = { key, dsaEncoding: 'der' };
    const out = job.op === 'sign'
      ? job.items.map((data) => sign('sha256', data, options))
      : job.items.map((pair) => {
          try { return verify('sha256', pair[0], options, pair[1]); } catch { return false; }
        });
    parentPort.postMessage({ id: job.id, out });
  } catch (error) {
    parentPort.postMessage({ id: job.id, error: String((error && error.message) || error) });
  }
});
`;

interface Slot {
  worker: Worker;
  /** Key ids this worker already holds. */
  keys: Set<string>;
  /** Jobs sent and not answered: while there are any, the worker keeps the process alive. */
  pending: number;
}

interface Job {
  slot: Slot;
  resolve: (out: unknown[]) => void;
  reject: (error: Error) => void;
}

/** How many workers a pool on this machine starts: one per core, at most four. */
export function poolSize(): number {
  return Math.min(4, availableParallelism());
}

/** Below this many items a batch is signed or verified in place: a round trip costs more. */
const WORTH_A_WORKER = 64;

export class CryptoPool {
  private slots: Slot[] | undefined;
  private readonly jobs = new Map<number, Job>();
  private nextJob = 1;
  private failed = false;

  constructor(private readonly size = poolSize()) {}

  private start(): Slot[] | undefined {
    if (this.failed || this.size < 2) return undefined;
    if (this.slots) return this.slots;
    try {
      this.slots = Array.from({ length: this.size }, () => {
        const worker = new Worker(WORKER, { eval: true });
        worker.on('message', (message: { id: number; out?: unknown[]; error?: string }) => {
          const job = this.jobs.get(message.id);
          if (!job) return;
          this.jobs.delete(message.id);
          if (--job.slot.pending === 0) worker.unref();
          if (message.error !== undefined) job.reject(new Error(message.error));
          else job.resolve(message.out ?? []);
        });
        worker.on('error', (error) => this.abandon(error));
        worker.on('exit', () => {
          if (this.slots?.some((slot) => slot.worker === worker))
            this.abandon(new Error('a crypto worker stopped'));
        });
        // An idle pool never keeps a script's process alive (after the listeners: adding a
        // 'message' listener refs the worker again); a busy one does, until it has answered.
        worker.unref();
        return { worker, keys: new Set<string>(), pending: 0 };
      });
    } catch {
      this.failed = true;
      this.slots = undefined;
    }
    return this.slots;
  }

  /** A worker died: what it held is answered on the main thread from now on. */
  private abandon(error: Error): void {
    this.failed = true;
    const slots = this.slots ?? [];
    this.slots = undefined;
    for (const job of this.jobs.values()) job.reject(error);
    this.jobs.clear();
    for (const slot of slots) void slot.worker.terminate();
  }

  private run<I, O>(
    op: 'sign' | 'verify',
    keyId: string,
    key: KeyObject,
    items: I[],
  ): Promise<O[]> {
    const slots = this.start();
    if (!slots) return Promise.reject(new Error('no workers'));
    // A key is kept per use: a desk's fingerprint names its private key and a site that trusts
    // it names the public one by the same fingerprint; one pool may serve both.
    const cacheId = `${op}:${keyId}`;
    const parts = Math.min(slots.length, Math.ceil(items.length / WORTH_A_WORKER));
    const per = Math.ceil(items.length / parts);
    const answers = slots.slice(0, parts).map((slot, n) => {
      const id = this.nextJob++;
      const first = !slot.keys.has(cacheId);
      slot.keys.add(cacheId);
      if (slot.pending++ === 0) slot.worker.ref();
      return new Promise<unknown[]>((resolve, reject) => {
        this.jobs.set(id, { slot, resolve, reject });
        slot.worker.postMessage({
          id,
          op,
          keyId: cacheId,
          ...(first ? { key } : {}),
          items: items.slice(n * per, (n + 1) * per),
        });
      });
    });
    return Promise.all(answers).then((parts) => parts.flat() as O[]);
  }

  /**
   * DER signatures of every message, in order. Falls back to the main thread for a handful of
   * messages, on one core, or when the workers cannot be used.
   */
  async sign(keyId: string, key: KeyObject, messages: Uint8Array[]): Promise<Uint8Array[]> {
    const here = () =>
      messages.map((data) => new Uint8Array(sign('sha256', data, { key, dsaEncoding: 'der' })));
    if (messages.length < WORTH_A_WORKER) return here();
    try {
      const out = await this.run<Uint8Array, Uint8Array>('sign', keyId, key, messages);
      return out.map((signature) => new Uint8Array(signature));
    } catch {
      return here();
    }
  }

  /** Whether each (message, DER signature) pair verifies with `key`, in order. */
  async verify(
    keyId: string,
    key: KeyObject,
    pairs: Array<[Uint8Array, Uint8Array]>,
  ): Promise<boolean[]> {
    const here = () =>
      pairs.map(([data, signature]) => {
        try {
          return verify('sha256', data, { key, dsaEncoding: 'der' }, signature);
        } catch {
          return false;
        }
      });
    if (pairs.length < WORTH_A_WORKER) return here();
    try {
      return await this.run<[Uint8Array, Uint8Array], boolean>('verify', keyId, key, pairs);
    } catch {
      return here();
    }
  }

  async close(): Promise<void> {
    const slots = this.slots ?? [];
    this.slots = undefined;
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }
}
