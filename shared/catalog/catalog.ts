// License catalogs: the licenses a product line offers, as plain data, and their validation.

import { z } from 'zod';
import { DomainError } from '../errors.ts';

export type LicenseType = 'PERPETUAL' | 'TERM' | 'SUBSCRIPTION';
export type PlrVariant = 'with-export-control' | 'without-export-control';
export type CatalogProductType = 'UCL' | 'EXPY';

export interface CatalogEntry {
  tag: string;
  displayName: string;
  description: string;
  type: LicenseType;
  /** Tier for substitution (higher covers lower); absent where the license has no tier. */
  level?: number;
  exportControlled?: boolean;
  /** Set on the Permanent License Reservation licenses, one per variant. */
  plr?: PlrVariant;
  productType: CatalogProductType;
  /** The product release a user licence is for (`12`, `14`); absent where it fits any release. */
  version?: string;
  /**
   * A version-independent licence: the licences of earlier releases whose consumption it covers
   * on a release that takes it (tags in the same catalog).
   */
  covers?: string[];
  /** Invented sample data, not a vendor's real tag. */
  sample?: boolean;
}

export interface Catalog {
  id: string;
  name: string;
  productType: CatalogProductType;
  sample?: boolean;
  /** The licenses a Session Management Edition instance must be given under SLR, by tag. */
  smeMinimum?: Record<string, number>;
  entries: CatalogEntry[];
}

/** `regid.YYYY-MM.<reverse domain>.<name>`, as the software identification tags are written. */
export const TAG_PATTERN = /^regid\.\d{4}-\d{2}\.[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[^\s<>&"']+$/;

const text = (max: number) => z.string().trim().min(1).max(max);

const entrySchema = z.strictObject({
  tag: z.string().max(300).regex(TAG_PATTERN),
  displayName: text(200),
  description: text(300),
  type: z.enum(['PERPETUAL', 'TERM', 'SUBSCRIPTION']),
  level: z.number().int().min(0).max(99).optional(),
  exportControlled: z.boolean().optional(),
  plr: z.enum(['with-export-control', 'without-export-control']).optional(),
  productType: z.enum(['UCL', 'EXPY']),
  version: z
    .string()
    .regex(/^\d{1,2}$/)
    .optional(),
  covers: z.array(z.string().max(300)).max(20).optional(),
  sample: z.boolean().optional(),
});

const catalogSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{1,40}$/),
  name: text(200),
  productType: z.enum(['UCL', 'EXPY']),
  sample: z.boolean().optional(),
  smeMinimum: z.record(z.string(), z.number().int().min(1).max(1_000_000)).optional(),
  entries: z.array(entrySchema).min(1).max(10_000),
});

function invalid(path: string, reason: string, detail?: string): DomainError {
  return new DomainError('CATALOG_INVALID', { path, reason, detail });
}

/** Validates catalog data (from JSON or a user's file); throws CATALOG_INVALID naming where. */
export function parseCatalog(json: unknown): Catalog {
  const parsed = catalogSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(issue?.path.join('.') ?? '', issue?.code ?? 'invalid', issue?.message);
  }
  const catalog = parsed.data as Catalog;
  const seen = new Set<string>();
  catalog.entries.forEach((entry, index) => {
    if (seen.has(entry.tag)) throw invalid(`entries.${index}.tag`, 'duplicate-tag', entry.tag);
    seen.add(entry.tag);
  });
  for (const tag of Object.keys(catalog.smeMinimum ?? {})) {
    if (!seen.has(tag)) throw invalid(`smeMinimum.${tag}`, 'unknown-tag', tag);
  }
  catalog.entries.forEach((entry, index) => {
    for (const tag of entry.covers ?? []) {
      if (!seen.has(tag) || tag === entry.tag)
        throw invalid(`entries.${index}.covers`, 'unknown-tag', tag);
    }
  });
  return catalog;
}

/** The releases a catalog's user licences are for, in order (`['12', '14']`). */
export function catalogVersions(catalog: Catalog): string[] {
  const versions = new Set(catalog.entries.flatMap((e) => (e.version ? [e.version] : [])));
  return [...versions].sort((a, b) => Number(a) - Number(b));
}

/** The entries to load for one release: its user licences and those that fit any release. */
export function entriesForVersion(catalog: Catalog, version?: string): CatalogEntry[] {
  if (version === undefined) return catalog.entries;
  if (!catalogVersions(catalog).includes(version))
    throw new DomainError('CATALOG_VERSION_UNKNOWN', {
      catalog: catalog.id,
      version,
      versions: catalogVersions(catalog).join(', '),
    });
  return catalog.entries.filter((e) => e.version === undefined || e.version === version);
}
