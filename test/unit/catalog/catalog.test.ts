import { describe, expect, it } from 'vitest';
import {
  CATALOGS,
  EXPRESSWAY_CATALOG,
  SME_MINIMUM,
  UCM_CATALOG,
  catalogVersions,
  entriesForVersion,
  parseCatalog,
} from '../../../shared/catalog/index.ts';
import ucmJson from '../../../shared/catalog/ucm.json' with { type: 'json' };
import { refusal } from '../../support/authority.ts';

const SEED_UCM_TAGS = [
  'regid.2017-02.com.cisco.UCM_CUWL,12.0_cc59375a-1cd8-4b36-8366-6f4d2abba965',
  'regid.2016-07.com.cisco.UCM_EnhancedPlus,12.0_d8372792-588c-4caa-b279-8587e5ce2f82',
  'regid.2016-07.com.cisco.UCM_Enhanced,12.0_66d0d1cf-4863-4761-91d0-d01d3eb1949a',
  'regid.2016-07.com.cisco.UCM_Basic,12.0_ef827a2f-f4ae-4ebb-887f-052737063d3a',
  'regid.2016-07.com.cisco.UCM_Essential,12.0_25f9c396-c67c-4519-aa98-d4b3ad18f805',
  'regid.2016-07.com.cisco.UCM_TelePresenceRoom,12.0_d9a71418-29e9-4c9a-9d3a-1366ebe38e7c',
];

const byName = (name: string) => UCM_CATALOG.entries.find((e) => e.displayName === name)!;

describe('UCM catalog', () => {
  it('carries the 12.x tags quoted in the seeds, exactly, with their tiers', () => {
    const v12 = UCM_CATALOG.entries.filter((e) => e.version === '12');
    expect(v12.map((e) => e.tag)).toEqual(SEED_UCM_TAGS);
    expect(v12.map((e) => e.level ?? null)).toEqual([5, 4, 3, 2, 1, null]);
    expect(v12.every((e) => e.productType === 'UCL' && !e.sample)).toBe(true);
  });

  it('carries the version-independent licences of release 14, as sample data (seeds 000, 004)', () => {
    const v14 = UCM_CATALOG.entries.filter((e) => e.version === '14');
    expect(v14.map((e) => e.displayName)).toEqual([
      'UC Manager Professional License (14)',
      'UC Manager Enhanced License (14)',
      'UC Manager Access License (14)',
    ]);
    expect(v14.every((e) => e.sample === true && e.type === 'SUBSCRIPTION')).toBe(true);
    expect(byName('UC Manager Enhanced License (14)').covers).toEqual([
      SEED_UCM_TAGS[1],
      SEED_UCM_TAGS[2],
    ]);
    expect(catalogVersions(UCM_CATALOG)).toEqual(['12', '14']);
  });

  it('carries CUCM PLR, both variants, and the CUCM Export Restricted Authorization Key', () => {
    expect(byName('UC Manager PLR with Export Control')).toMatchObject({
      plr: 'with-export-control',
      exportControlled: true,
      sample: true,
    });
    expect(byName('UC Manager PLR without Export Control').plr).toBe('without-export-control');
    expect(byName('CUCM Export Restricted Authorization Key')).toMatchObject({
      exportControlled: true,
      type: 'PERPETUAL',
    });
    for (const name of [
      'UC Manager PLR with Export Control',
      'CUCM Export Restricted Authorization Key',
    ])
      expect(byName(name).version).toBeUndefined();
  });

  it("loads one release's user licences with those that fit any release", () => {
    const names = (version?: string) =>
      entriesForVersion(UCM_CATALOG, version).map((e) => e.displayName);
    expect(names('14')).toEqual([
      'UC Manager Professional License (14)',
      'UC Manager Enhanced License (14)',
      'UC Manager Access License (14)',
      'UC Manager PLR with Export Control',
      'UC Manager PLR without Export Control',
      'CUCM Export Restricted Authorization Key',
    ]);
    expect(names('12')).toHaveLength(9);
    expect(names()).toHaveLength(12);
    expect(refusal(() => entriesForVersion(UCM_CATALOG, '11'))).toMatchObject({
      code: 'CATALOG_VERSION_UNKNOWN',
      facts: { version: '11', versions: '12, 14' },
    });
  });

  it('names licenses as the product shows them', () => {
    const enhanced = UCM_CATALOG.entries[2]!;
    expect(enhanced).toMatchObject({
      displayName: 'UC Manager Enhanced License (12.x)',
      description: 'UC Manager Enhanced License',
      type: 'PERPETUAL',
    });
  });

  it('requires one Essential license (12.x) as the SME minimum set', () => {
    expect(SME_MINIMUM).toEqual({ [SEED_UCM_TAGS[4]!]: 1 });
  });
});

describe('Expressway catalog', () => {
  it('is marked as invented sample data, entry by entry', () => {
    expect(EXPRESSWAY_CATALOG.sample).toBe(true);
    expect(EXPRESSWAY_CATALOG.entries.every((e) => e.sample === true)).toBe(true);
    expect(EXPRESSWAY_CATALOG.entries.every((e) => e.tag.startsWith('regid.'))).toBe(true);
  });

  it('has one PLR license per variant and an export-controlled Advanced Account Security', () => {
    const byName = Object.fromEntries(EXPRESSWAY_CATALOG.entries.map((e) => [e.displayName, e]));
    expect(byName['Expressway PLR with Export Control']?.plr).toBe('with-export-control');
    expect(byName['Expressway PLR without Export Control']?.plr).toBe('without-export-control');
    expect(byName['Expressway Advanced Account Security']?.exportControlled).toBe(true);
    expect(Object.keys(byName)).toEqual(
      expect.arrayContaining([
        'Expressway Rich Media Session',
        'Expressway Room Registration',
        'Expressway Desktop Registration',
      ]),
    );
  });

  it('is listed with UCM by id', () => {
    expect(CATALOGS.ucm).toBe(UCM_CATALOG);
    expect(CATALOGS.expressway).toBe(EXPRESSWAY_CATALOG);
  });
});

describe('parseCatalog', () => {
  const copy = () =>
    structuredClone(ucmJson) as Record<string, unknown> & {
      entries: Array<Record<string, unknown>>;
    };

  it('accepts the shipped JSON as data', () => {
    expect(parseCatalog(copy())).toEqual(UCM_CATALOG);
  });

  it.each([
    ['not an object', () => 'ucm', ''],
    [
      'a missing tag',
      () => {
        const c = copy();
        delete c.entries[1]!.tag;
        return c;
      },
      'entries.1.tag',
    ],
    [
      'a tag not in regid form',
      () => {
        const c = copy();
        c.entries[0]!.tag = 'UCM_CUWL';
        return c;
      },
      'entries.0.tag',
    ],
    [
      'an unknown license type',
      () => {
        const c = copy();
        c.entries[3]!.type = 'FOREVER';
        return c;
      },
      'entries.3.type',
    ],
    [
      'a fractional tier',
      () => {
        const c = copy();
        c.entries[2]!.level = 2.5;
        return c;
      },
      'entries.2.level',
    ],
    [
      'an unknown field',
      () => {
        const c = copy();
        c.entries[0]!.colour = 'blue';
        return c;
      },
      'entries.0',
    ],
    ['no entries', () => ({ ...copy(), entries: [] }), 'entries'],
  ])('refuses %s, naming where', (_name, make, path) => {
    const error = refusal(() => parseCatalog(make()));
    expect(error.code).toBe('CATALOG_INVALID');
    expect(error.facts.path).toBe(path);
  });

  it('refuses a tag listed twice', () => {
    const c = copy();
    c.entries[4]!.tag = c.entries[0]!.tag;
    expect(refusal(() => parseCatalog(c))).toMatchObject({
      code: 'CATALOG_INVALID',
      facts: { path: 'entries.4.tag', reason: 'duplicate-tag' },
    });
  });

  it('refuses an SME minimum naming a license the catalog does not have', () => {
    const c = copy();
    c.smeMinimum = { 'regid.2020-01.com.example.Nothing,1.0_x': 1 };
    expect(refusal(() => parseCatalog(c))).toMatchObject({
      code: 'CATALOG_INVALID',
      facts: { reason: 'unknown-tag' },
    });
  });
});
