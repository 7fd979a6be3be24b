// Which of a pool's licences fit the product a request is for, read from the catalogs the desk
// loads them from (each entry names its product type): the licence step shows those first, the
// others folded away, and offers only the options that apply to the product.
import { productTypeOfTag } from '../../shared/catalog/index.ts';
import { decodeRequestCode } from '../../shared/codes/request-code.ts';
import { productTypeOf } from '../../shared/codes/udi.ts';
import type { LicenseRowDto } from '../../shared/ipc/dto.ts';

/** A licence fits a product when its catalog says it is for that type, or says nothing. */
export function fits(row: Pick<LicenseRowDto, 'tag'>, productType: string | null): boolean {
  if (!productType) return true;
  const own = productTypeOfTag(row.tag);
  return own === null || own === productType;
}

export interface ArrangedLicenses {
  /** For this product (or for any), in the pool's order. */
  fitting: LicenseRowDto[];
  /** For other products: folded away, still there for the unusual case. */
  other: LicenseRowDto[];
}

export function arrangeLicenses(
  rows: readonly LicenseRowDto[],
  productType: string | null,
): ArrangedLicenses {
  const fitting: LicenseRowDto[] = [];
  const other: LicenseRowDto[] = [];
  for (const row of rows) (fits(row, productType) ? fitting : other).push(row);
  return { fitting, other };
}

/** Session Management Edition is a Unified CM deployment: its minimum set applies to UCL only. */
export function smeApplies(productType: string | null): boolean {
  return productType === 'UCL';
}

/** The pool's PLR licence of a variant that fits the product, if the pool has one. */
export function plrRowFor(
  rows: readonly LicenseRowDto[],
  exportControl: boolean,
  productType: string | null,
): LicenseRowDto | undefined {
  const variant = exportControl ? 'with-export-control' : 'without-export-control';
  return rows.find((r) => r.plr === variant && fits(r, productType));
}

/**
 * The product type a batch of request codes is for, when they all agree (read with the domain's
 * decoder); null when they differ or none can be read — then no licence is put aside.
 */
export function productTypeOfRequests(codes: readonly string[]): string | null {
  const types = new Set<string>();
  for (const code of codes) {
    try {
      types.add(productTypeOf(decodeRequestCode(code).udi.pid));
    } catch {
      // A code main will refuse on its own line of the results; it says nothing of the product.
    }
    if (types.size > 1) return null;
  }
  return [...types][0] ?? null;
}
