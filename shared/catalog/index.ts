// The catalogs Airlock ships, parsed once. UCM: the 12.x user licences with the seeds' tags; the
// version-independent release-14 licences (Flex NU: Professional, Enhanced, Access — seeds 000 and
// 004), the PLR licences (14SU3, seed 000) and the CUCM Export Restricted Authorization Key
// (seeds 000 and 004 name it) as sample data, since no seed gives their tags. Expressway: sample data.

import { type Catalog, parseCatalog } from './catalog.ts';
import expresswayData from './expressway.json' with { type: 'json' };
import ucmData from './ucm.json' with { type: 'json' };

export * from './catalog.ts';

export const UCM_CATALOG: Catalog = parseCatalog(ucmData);
export const EXPRESSWAY_CATALOG: Catalog = parseCatalog(expresswayData);

export const CATALOGS: Readonly<Record<'ucm' | 'expressway', Catalog>> = {
  ucm: UCM_CATALOG,
  expressway: EXPRESSWAY_CATALOG,
};

const PRODUCT_TYPE_OF_TAG = new Map(
  [...UCM_CATALOG.entries, ...EXPRESSWAY_CATALOG.entries].map((e) => [e.tag, e.productType]),
);

/** The product type a catalog gives a licence (`UCL`, `EXPY`); null for one added by hand. */
export function productTypeOfTag(tag: string): string | null {
  return PRODUCT_TYPE_OF_TAG.get(tag) ?? null;
}

/**
 * The minimum set an SME instance must be given when its SLR authorization is generated.
 *
 * The seeds say only that one exists (000: "SDSL 承認コードの生成中に CSSM に予約された最小ライセンス
 * セットが必要です"; 004: "需要在 CSSM 中预留一组最低的许可证") and name no licence, nor does a public
 * Cisco page we could find. Chosen: one UC Manager Essential License (12.x) — the lowest tier, so
 * the smallest set that is still a UCM user licence. An SME routes calls between clusters rather
 * than serving users, so nothing ties it to a higher tier; and a 12.x licence is usable on every
 * release (seed 000: release 14 "continues to use version 12.x licences"), which a
 * version-independent one is not.
 */
export const SME_MINIMUM: Readonly<Record<string, number>> = UCM_CATALOG.smeMinimum ?? {};

/**
 * For each version-independent licence, the 12.x licences whose consumption it covers on a
 * release that takes it. Which tier covers which is Airlock's reading of the Flex NU names (the
 * seeds list Professional, Enhanced and Access without mapping them): Professional the CUWL user,
 * Enhanced the Enhanced Plus and Enhanced users, Access the Basic and Essential users.
 */
export const VERSION_INDEPENDENT_COVERAGE: Readonly<Record<string, readonly string[]>> =
  Object.fromEntries(
    [...UCM_CATALOG.entries, ...EXPRESSWAY_CATALOG.entries]
      .filter((e) => e.covers !== undefined)
      .map((e) => [e.tag, e.covers!]),
  );

const NAMES = new Map(
  [...UCM_CATALOG.entries, ...EXPRESSWAY_CATALOG.entries].map((e) => [e.tag, e.displayName]),
);

/** The name a shipped catalog gives a licence tag, if any. */
export function catalogDisplayName(tag: string): string | undefined {
  return NAMES.get(tag);
}
