// Model-based property: random sequences of operations on both sides of the gap (the desk's
// pool, reservations, updates, confirmations, returns, transfers, rehosts and batches; the
// site's devices, requests, installs, returns, external records, usage and imported files),
// each against a real database file through the app's router. After every step a second
// connection on the same file reads exactly what the first one does, the rows hold what the
// model expects, the pool invariant holds over the state read back, and the chain verifies.

import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDirs } from '../support/temp-dirs.ts';
import { agree, step } from './model/agreement.ts';
import { type Model, newModel } from './model/model.ts';
import type { Operation } from './model/calls.ts';
import { CROSSING_OPERATIONS, DESK_OPERATIONS } from './model/desk-operations.ts';
import { SITE_OPERATIONS } from './model/site-operations.ts';
import { VIRTUAL_ACCOUNTS, type World, closeWorld, makeWorld } from './model/world.ts';

afterAll(removeTempDirs);

/**
 * One step: of the operations the model says apply now, the one `which` picks, run with `pick`
 * (which device, which virtual account, how many). Every step runs something that makes sense
 * in the current state, so a run goes deep into the lifecycle instead of skipping.
 */
class Step implements fc.AsyncCommand<Model, World> {
  private chosen = '';
  constructor(
    private readonly which: number,
    private readonly pick: number,
  ) {}
  check(): boolean {
    return true;
  }
  async run(m: Model, w: World): Promise<void> {
    const operation = choose(
      OPERATIONS.filter((o) => o.applies(m)),
      this.which,
    );
    this.chosen = operation.name;
    ran.set(operation.name, (ran.get(operation.name) ?? 0) + 1);
    await step(w, m, () => operation.run(m, w, this.pick));
  }
  toString(): string {
    return `${this.chosen || 'step'} (${this.which}, ${this.pick})`;
  }
}

const OPERATIONS = [...SITE_OPERATIONS, ...DESK_OPERATIONS, ...CROSSING_OPERATIONS];

/** One of `operations`, each as likely as its weight. */
function choose(operations: Operation[], which: number): Operation {
  const total = operations.reduce((sum, o) => sum + (o.weight ?? 1), 0);
  let at = which % total;
  for (const operation of operations) {
    at -= operation.weight ?? 1;
    if (at < 0) return operation;
  }
  return operations[0]!;
}

const steps = fc
  .tuple(fc.nat({ max: 1 << 16 }), fc.nat({ max: 1 << 16 }))
  .map(([which, pick]) => new Step(which, pick));

/**
 * The same sequences on every run, so a failure replays as it was and the coverage asserted
 * below is known (this seed reaches every operation). PROPERTY_SEED explores others; one may
 * leave an operation out, and the coverage check then names it.
 */
const SEED = Number(process.env.PROPERTY_SEED ?? 2);

/** How often each operation ran, across all runs. */
const ran = new Map<string, number>();

describe('the workspace databases under random operations on both sides', () => {
  it(
    'keep a second connection, the model, the pool invariant and the audit chain in agreement after every step',
    { timeout: 240_000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 1, max: 1 << 30 }),
          fc.array(steps, { minLength: 50, maxLength: 75 }),
          async (seed, commands) => {
            const world = await makeWorld(seed);
            try {
              const model = newModel(VIRTUAL_ACCOUNTS);
              await agree(world, model);
              await fc.asyncModelRun(() => ({ model, real: world }), commands);
            } finally {
              await closeWorld(world);
            }
          },
        ),
        // A failure is shrunk to a short sequence for as long as the limit allows.
        { numRuns: 5, seed: SEED, interruptAfterTimeLimit: 150_000 },
      );
      // The runs reached every kind of operation at least once (or the property proved little).
      expect(OPERATIONS.map((o) => o.name).filter((name) => !ran.has(name))).toEqual([]);
    },
  );
});
