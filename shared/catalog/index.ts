// The catalogs Airlock ships, parsed once: UCM from the seeds' tags, Expressway as sample data.

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

/**
 * The minimum set an SME instance must be given when its SLR authorization is generated. The
 * seeds say only that a minimum set exists; we require one UC Manager Enhanced License.
 */
export const SME_MINIMUM: Readonly<Record<string, number>> = UCM_CATALOG.smeMinimum ?? {};
