// The rows a batch screen's operator chose from a long list (see row-choice.ts), with the names
// of the rows they touched, and the ids to send: none for "every row", else read from main.
import { SvelteMap } from 'svelte/reactivity';
import type { ErrorDto } from '../../shared/ipc/dto.ts';
import {
  EVERY_ROW,
  NO_ROW,
  type RowChoice,
  choose,
  chosenCount,
  isChosen,
  takesEveryRow,
} from './row-choice.ts';

type Outcome<T> = { ok: true; value: T } | { ok: false; error: ErrorDto };

export interface Named {
  id: string;
  name: string;
}

/** What a batch sends: "every row" (no ids), or these ids with their names. */
export type Chosen = { every: true } | { every: false; ids: string[]; names: string[] };

export class RowChoiceState {
  choice = $state.raw<RowChoice>(EVERY_ROW);
  readonly #names = new SvelteMap<string, string>();

  isChosen = (id: string): boolean => isChosen(this.choice, id);

  /** How many of a list of `total` rows are chosen. */
  count(total: number): number {
    return chosenCount(this.choice, total);
  }

  choose(rows: readonly Named[], on: boolean): void {
    for (const row of rows) this.#names.set(row.id, row.name);
    this.choice = choose(
      this.choice,
      rows.map((r) => r.id),
      on,
    );
  }

  chooseAll(): void {
    this.choice = EVERY_ROW;
  }

  chooseNone(): void {
    this.choice = NO_ROW;
  }

  /** The chosen rows' names among rows at hand (the first window), for a one-line preview. */
  namesAmong(rows: readonly Named[]): string[] {
    if (this.choice.mode === 'only')
      return [...this.choice.ids].map((id) => this.#names.get(id) ?? id);
    return rows.filter((r) => this.isChosen(r.id)).map((r) => r.name);
  }

  /**
   * What to send. "Every row" sends no ids; "only" sends the rows put in; "all except" reads the
   * whole list (`every`, a window at a time) and leaves the others out.
   */
  async resolve(every: () => Promise<Outcome<Named[]>>): Promise<Outcome<Chosen>> {
    const choice = this.choice;
    if (takesEveryRow(choice)) return { ok: true, value: { every: true } };
    if (choice.mode === 'only') {
      const ids = [...choice.ids];
      return {
        ok: true,
        value: { every: false, ids, names: ids.map((id) => this.#names.get(id) ?? id) },
      };
    }
    const all = await every();
    if (!all.ok) return all;
    const kept = all.value.filter((row) => isChosen(choice, row.id));
    return {
      ok: true,
      value: { every: false, ids: kept.map((r) => r.id), names: kept.map((r) => r.name) },
    };
  }
}
