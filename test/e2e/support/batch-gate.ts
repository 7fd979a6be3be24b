// Holds every batch after its first chunk until the page cancels it (or the test lets it go), so a
// journey sees main's progress mid-batch and cancels at a known point — never by timing luck. The
// chunk that was waiting still runs once let go (main stops between chunks, not inside one).
import type { Airlock } from './fixtures.ts';

export interface BatchGate {
  /** Lets the held batches go on without a cancel. */
  release(): void;
  /** Batches main has started since the gate was set (one per call). */
  readonly runs: number;
}

export function holdAfterFirstChunk(airlock: Airlock): BatchGate {
  const batches = airlock.services.batches;
  const run = batches.run.bind(batches);
  const cancel = batches.cancel.bind(batches);
  let open: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (open = resolve));
  batches.cancel = (batchId: string) => {
    const cancelled = cancel(batchId);
    open();
    return cancelled;
  };
  let runs = 0;
  batches.run = ((options: Parameters<typeof run>[0]) => {
    runs += 1;
    return run({
      ...options,
      chunk: async (slice, offset, prepared) => {
        if (offset > 0) await gate;
        return options.chunk(slice, offset, prepared);
      },
    });
  }) as typeof batches.run;
  return {
    release: () => open(),
    get runs() {
      return runs;
    },
  };
}
