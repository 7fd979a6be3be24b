// Where each string a device prints comes from: a seed (the product guides Airlock is built on),
// a public Cisco document the seeds do not cover, or Airlock itself. Every message table names
// its source, so an invented string is never taken for the product's own words.

/**
 * The seeds, by file number: 000 CUCM smart licensing (ja), 001 Expressway smart licensing (ja),
 * 002 CUCM mediated model (ja, English console output), 003 licensing models (ja),
 * 004 CUCM smart licensing (zh).
 */
export type SeedId = '000' | '001' | '002' | '003' | '004';

export type Source =
  /** Quoted word for word from a seed; `where` names the section. */
  | { kind: 'seed'; seed: SeedId; where: string }
  /** From a public Cisco document the seeds do not cover; `doc` names it. */
  | { kind: 'cisco'; doc: string }
  /** Written by Airlock: no seed or Cisco page gives the product's own words; `why` says so. */
  | { kind: 'airlock'; why: string };

export interface Sourced {
  text: string;
  source: Source;
}

export const seed = (id: SeedId, where: string): Source => ({ kind: 'seed', seed: id, where });
export const cisco = (doc: string): Source => ({ kind: 'cisco', doc });
export const airlock = (why: string): Source => ({ kind: 'airlock', why });
