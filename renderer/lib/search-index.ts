// Filter-as-you-type over many rows: keys are lower-cased once, and a longer query narrows the
// previous result instead of scanning everything again.

export class SearchIndex<T> {
  readonly rows: readonly T[];
  readonly #keys: string[];
  #lastQuery = '';
  #lastResult: number[];

  constructor(rows: readonly T[], keyOf: (row: T) => string) {
    this.rows = rows;
    this.#keys = rows.map((row) => keyOf(row).toLowerCase());
    this.#lastResult = this.#all();
  }

  #all(): number[] {
    return Array.from({ length: this.rows.length }, (_, i) => i);
  }

  /** Indices of rows whose key contains every whitespace-separated term of the query. */
  filter(query: string): number[] {
    const normalised = query.trim().toLowerCase().replace(/\s+/g, ' ');
    if (normalised === '') return this.#remember(normalised, this.#all());
    const narrows = this.#lastQuery !== '' && normalised.startsWith(this.#lastQuery);
    const pool = narrows ? this.#lastResult : this.#all();
    const terms = normalised.split(' ');
    const keys = this.#keys;
    const result = pool.filter((i) => terms.every((term) => keys[i]!.includes(term)));
    return this.#remember(normalised, result);
  }

  #remember(query: string, result: number[]): number[] {
    this.#lastQuery = query;
    this.#lastResult = result;
    return result;
  }
}
