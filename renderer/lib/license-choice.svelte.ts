// What the operator chooses in "Select Licenses", checked as they type: PLR with or without
// Export Control (where the pool has it for the product), or specific licenses with a quantity
// each — those that fit the product first — raised to SME's minimums when on (Unified CM only).
import type { LicenseRowDto } from '../../shared/ipc/dto.ts';
import { arrangeLicenses, plrRowFor, smeApplies } from './license-fit.ts';
import {
  type ReservationChoice,
  availableFor,
  checkSelection,
  specificRows,
  toSelection,
} from './license-selection.ts';

export interface ChoiceSource {
  /** The pool's rows (PLR entitlements are left to the PLR options). */
  pool: readonly LicenseRowDto[];
  /** SME's minimum per tag, when the request offers SME. */
  smeMinimum?: Record<string, number> | null;
  /** The product type the codes are for (`UCL`, `EXPY`), when known. */
  productType?: string | null;
  /** An update: what the instance holds now (it may keep it, or give it back). */
  current?: Record<string, number>;
  /** A batch: how many devices share each licence's balance. */
  devices?: number;
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
  readonly productType = $derived.by(() => this.#source().productType ?? null);
  /** The rows that fit the product first; the others apart. */
  readonly arranged = $derived(arrangeLicenses(this.rows, this.productType));
  readonly smeMinimum = $derived.by(() =>
    smeApplies(this.productType) ? (this.#source().smeMinimum ?? null) : null,
  );
  readonly smeOffered = $derived(!!this.smeMinimum && Object.keys(this.smeMinimum).length > 0);
  /** The pool's PLR licences for the product, by variant; an option shows only where one exists. */
  readonly plr = $derived.by(() => ({
    withExport: plrRowFor(this.#source().pool, true, this.productType),
    withoutExport: plrRowFor(this.#source().pool, false, this.productType),
  }));
  readonly check = $derived.by(() => {
    const source = this.#source();
    return checkSelection(this.quantities, this.rows, {
      smeMinimum: this.sme ? this.smeMinimum : null,
      ...(source.current ? { current: source.current } : {}),
      ...(source.devices ? { devices: source.devices } : {}),
    });
  });
  readonly selection = $derived(
    toSelection(
      this.choice,
      this.check.licenses,
      this.sme && this.smeOffered,
      this.arranged.other.some((row) => (this.check.licenses[row.tag] ?? 0) > 0),
    ),
  );
  /** A specific reservation with nothing chosen, which only an update may send. */
  readonly empty = $derived(this.choice === 'slr' && this.check.total === 0);
  readonly ok = $derived.by(
    () =>
      this.choice !== 'slr' ||
      (this.check.problems.length === 0 && (!this.empty || !!this.#source().allowNone)),
  );

  /** What one device may take of a row (its balance, what an update already holds, shared). */
  available = (row: LicenseRowDto): number => {
    const source = this.#source();
    return availableFor(row, {
      ...(source.current ? { current: source.current } : {}),
      ...(source.devices ? { devices: source.devices } : {}),
    });
  };

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
