// Which rows of a long list a batch takes, without holding the list: every row except those
// left out (the default; sent as "all", no ids), or only the rows put in.
export type RowChoice =
  { mode: 'all-except'; ids: ReadonlySet<string> } | { mode: 'only'; ids: ReadonlySet<string> };

export const EVERY_ROW: RowChoice = { mode: 'all-except', ids: new Set() };
export const NO_ROW: RowChoice = { mode: 'only', ids: new Set() };

export function isChosen(choice: RowChoice, id: string): boolean {
  return choice.mode === 'all-except' ? !choice.ids.has(id) : choice.ids.has(id);
}

/** Puts rows in (`on`) or leaves them out. */
export function choose(choice: RowChoice, ids: readonly string[], on: boolean): RowChoice {
  const next = new Set(choice.ids);
  // In "all except", an id in the set is left out; in "only", it is put in.
  const add = choice.mode === 'all-except' ? !on : on;
  for (const id of ids) {
    if (add) next.add(id);
    else next.delete(id);
  }
  return { mode: choice.mode, ids: next };
}

/**
 * How many rows are chosen from a list of `total` (rows left out that are no longer in the list
 * make this an estimate until the ids are read; `inList` counts those still listed when known).
 */
export function chosenCount(choice: RowChoice, total: number, inList?: number): number {
  if (choice.mode === 'only') return Math.min(choice.ids.size, total);
  return Math.max(0, total - (inList ?? choice.ids.size));
}

/** Whether the batch is "every row": sent with no ids, main takes every eligible row itself. */
export function takesEveryRow(choice: RowChoice): boolean {
  return choice.mode === 'all-except' && choice.ids.size === 0;
}
