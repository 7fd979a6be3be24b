// What the operator chooses in "Select Licenses", checked as they type: PLR with or without
// Export Control, or specific licenses with a quantity each (raised to SME's minimums when on).
import type { LicenseRowDto } from '../../shared/ipc/dto.ts';
import {
  type ReservationChoice,
  checkSelection,
  specificRows,
  toSelection,
} from './license-selection.ts';

export interface ChoiceSource {
  /** The pool's rows (PLR entitlements are left to the PLR options). */
  pool: readonly LicenseRowDto[];
  /** SME's minimum per tag, when the request offers SME. */
  smeMinimum?: Record<string, number> | null;
  /** Extra available per tag (an update may reuse what the instance already holds). */
  headroom?: Record<string, number>;
  /** An update may go down to no license at all; a new reservation needs one. */
  allowNone?: boolean;
}

export class LicenseChoice {
  choice = $state<ReservationChoice>('slr');
  quantities = $state<Record<string, string>>({});
  sme = $state(false);
  /** Problems show once the operator has tried to go on. */
  showProblems = $state(false);
  readonly #source: () => ChoiceSource;

  constructor(source: () => ChoiceSource) {
    this.#source = source;
  }

  readonly rows = $derived.by(() => specificRows(this.#source().pool));
  readonly smeMinimum = $derived.by(() => this.#source().smeMinimum ?? null);
  readonly headroom = $derived.by(() => this.#source().headroom ?? {});
  readonly check = $derived(
    checkSelection(this.quantities, this.rows, this.sme ? this.smeMinimum : null, this.headroom),
  );
  readonly selection = $derived(toSelection(this.choice, this.check.licenses, this.sme));
  /** A specific reservation with nothing chosen, which only an update may send. */
  readonly empty = $derived(this.choice === 'slr' && this.check.total === 0);
  readonly ok = $derived.by(
    () =>
      this.choice !== 'slr' ||
      (this.check.problems.length === 0 && (!this.empty || !!this.#source().allowNone)),
  );

  /** The operator asks to go on: problems show from now on; true when the choice is good. */
  review(): boolean {
    this.showProblems = true;
    return this.ok;
  }

  setQuantity(tag: string, value: string): void {
    this.quantities[tag] = value;
  }

  setQuantities(licenses: Record<string, number>): void {
    this.quantities = Object.fromEntries(Object.entries(licenses).map(([k, v]) => [k, String(v)]));
  }

  /** SME on raises every quantity below its minimum to that minimum. */
  setSme(on: boolean): void {
    this.sme = on;
    if (!on) return;
    for (const [tag, minimum] of Object.entries(this.smeMinimum ?? {})) {
      if (Number(this.quantities[tag] || 0) < minimum) this.quantities[tag] = String(minimum);
    }
  }

  reset(): void {
    this.choice = 'slr';
    this.quantities = {};
    this.sme = false;
    this.showProblems = false;
  }
}
