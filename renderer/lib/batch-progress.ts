// A running batch as the operator follows it: the id main reports its progress under, and how
// far it got in words — done of total, items a second, time left — from main's progress events.

/** A fresh batch id in the form main accepts (`b-` and 4–32 of [0-9a-z]). */
export function newBatchId(random: () => number = Math.random): string {
  let id = '';
  while (id.length < 12) id += Math.floor(random() * 36).toString(36);
  return `b-${id}`;
}

/** Time left as a number and a unit the catalogs name (`batch.left.seconds` …). */
export function timeLeft(ms: number): { unit: 'seconds' | 'minutes' | 'hours'; count: number } {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 90) return { unit: 'seconds', count: seconds };
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return { unit: 'minutes', count: minutes };
  return { unit: 'hours', count: Math.round(minutes / 60) };
}

/** A batch's answer once it stopped: what was processed, and what was never started. */
export function notProcessed(done: number, total: number): number {
  return Math.max(0, total - done);
}
