// The rows a table shows, read from main a window at a time: the search and sort the operator
// chose, how many rows match, and the loaded window (the rows in view plus a margin). A new
// query starts again at row 1; a change elsewhere reloads only the window in view.
import { untrack } from 'svelte';
import type { ErrorDto } from '../../shared/ipc/dto.ts';
import type { PageFetch, SortChoice } from './page-query.ts';
import { type RowRange, covers, windowFor } from './row-window.ts';

export class PagedRows<T> {
  search = $state('');
  sort = $state<SortChoice | null>(null);
  /** How many rows match the current query (as of main's last answer). */
  total = $state(0);
  /** Whether main has answered the current query at least once. */
  settled = $state(false);
  loading = $state(false);
  error = $state<ErrorDto | null>(null);
  /** Counts new queries; the table goes back to row 1 each time it moves. */
  query = $state(0);
  #loaded = $state.raw<{ offset: number; rows: T[] }>({ offset: 0, rows: [] });
  #fetch: PageFetch<T>;
  readonly #margin: number;
  #visible: RowRange;
  #asked: RowRange | null = null;
  #ticket = 0;

  /**
   * `margin`: rows asked for beyond those in view, on each side; `rows`: how many are in view
   * before a table says (1 for a list only counted).
   */
  constructor(fetch: PageFetch<T>, margin = 60, rows = 30) {
    this.#fetch = fetch;
    this.#margin = margin;
    this.#visible = { start: 0, end: rows };
  }

  /** The row at an index of the whole list, when it is in the loaded window. */
  rowAt(index: number): T | undefined {
    const loaded = this.#loaded;
    return loaded.rows[index - loaded.offset];
  }

  /** The loaded rows (the window around the rows in view). */
  get loadedRows(): readonly T[] {
    return this.#loaded.rows;
  }

  /**
   * Follows the screen's filters (read by `filters`) and changes made elsewhere (`revision`):
   * a new filter starts at row 1, a change reloads the window in view. Call while a component
   * initialises; the first run loads the first window.
   */
  follow(filters: () => unknown, revision: () => unknown = () => 0): void {
    $effect(() => {
      filters();
      untrack(() => void this.restart());
    });
    let first = true;
    $effect(() => {
      revision();
      if (first) return void (first = false);
      untrack(() => void this.reload());
    });
  }

  /** The same list, read afresh (a held list replaced): where the operator was, if it was read. */
  use(fetch: PageFetch<T>): Promise<void> {
    this.#fetch = fetch;
    return this.settled ? this.reload() : this.restart();
  }

  setSearch(search: string): Promise<void> | void {
    if (search === this.search) return;
    this.search = search;
    return this.restart();
  }

  setSort(sort: SortChoice | null): Promise<void> {
    this.sort = sort;
    return this.restart();
  }

  /** A new query: forget the window, ask for the first rows. */
  restart(): Promise<void> {
    this.query++;
    const size = this.#visible.end - this.#visible.start;
    this.#visible = { start: 0, end: size };
    return this.#load(false);
  }

  /** The same query again, for the rows in view (something changed in main). */
  reload(): Promise<void> {
    return this.#load(true);
  }

  /** The rows in view moved (scrolling): ask main only when the loaded window falls short. */
  show(visible: RowRange): void {
    this.#visible = visible;
    if (!this.settled) return;
    const loaded = this.#loadedRange();
    if (covers(loaded, visible, this.total)) return;
    if (this.#asked && covers(this.#asked, visible, this.total)) return;
    void this.#load(true);
  }

  /** Rows main sent back after a change: shown at once where they are in the window. */
  patch(rows: readonly T[], key: (row: T) => string): void {
    const changed = (row: T) => rows.find((r) => key(r) === key(row));
    const loaded = this.#loaded;
    if (!loaded.rows.some((row) => changed(row) !== undefined)) return;
    this.#loaded = {
      offset: loaded.offset,
      rows: loaded.rows.map((row) => changed(row) ?? row),
    };
  }

  #loadedRange(): RowRange {
    const { offset, rows } = this.#loaded;
    return { start: offset, end: offset + rows.length };
  }

  async #load(keepTotal: boolean): Promise<void> {
    const ticket = ++this.#ticket;
    const asked = this.#visible;
    const known = keepTotal && this.settled ? this.total : null;
    const { offset, limit } = windowFor(this.#visible, known, this.#margin);
    this.#asked = { start: offset, end: offset + limit };
    this.loading = true;
    const result = await this.#fetch({
      offset,
      limit,
      search: this.search,
      sort: this.sort,
    });
    if (ticket !== this.#ticket) return; // a newer request replaced this one
    this.#asked = null;
    this.loading = false;
    if (!result.ok) {
      this.error = result.error;
      return;
    }
    const { rows, total } = result.value;
    this.error = null;
    this.total = total;
    this.settled = true;
    this.#loaded = { offset, rows };
    // The list shrank under the window, or the view moved while main answered: ask again.
    if (rows.length === 0 && total > 0 && offset > 0) {
      const size = this.#visible.end - this.#visible.start;
      this.#visible = { start: Math.max(0, total - size), end: total };
      return this.#load(true);
    }
    if (this.#visible !== asked && !covers(this.#loadedRange(), this.#visible, total))
      return this.#load(true);
  }
}
