// Shell-like history for the device console: ↑ recalls older lines, ↓ newer, keeping a draft.

export class ConsoleHistory {
  readonly #lines: string[] = [];
  #cursor = 0;
  #draft = '';

  constructor(readonly limit = 200) {}

  get lines(): readonly string[] {
    return this.#lines;
  }

  push(line: string): void {
    if (line.trim() !== '' && this.#lines.at(-1) !== line) this.#lines.push(line);
    if (this.#lines.length > this.limit) this.#lines.shift();
    this.#cursor = this.#lines.length;
    this.#draft = '';
  }

  /** The line to show after ↑, or the current text when there is nothing older. */
  older(current: string): string {
    if (this.#cursor === this.#lines.length) this.#draft = current;
    if (this.#cursor > 0) this.#cursor--;
    return this.#lines[this.#cursor] ?? current;
  }

  /** The line to show after ↓; past the newest line the unsent draft comes back. */
  newer(): string {
    if (this.#cursor < this.#lines.length) this.#cursor++;
    return this.#cursor === this.#lines.length ? this.#draft : this.#lines[this.#cursor]!;
  }
}
