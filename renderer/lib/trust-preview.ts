// What a trust file says about itself, to show before it is trusted: the authority's name and
// key fingerprint (main checks, when it takes the file, that the key is the one fingerprinted).
// The files a picker offers for a trust file: the desk writes `<desk>.airlock-trust.json`.

export const TRUST_FILE_ACCEPT = '.json,.airlock-trust.json,application/json,.txt,text/plain';

export interface TrustPreview {
  authorityName: string;
  fingerprint: string;
}

export function trustPreview(text: string): TrustPreview | null {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, '').trim());
  } catch {
    return null;
  }
  if (typeof json !== 'object' || json === null) return null;
  const file = json as Record<string, unknown>;
  if (file.format !== 'airlock-trust') return null;
  const { authorityName, fingerprint } = file;
  if (typeof authorityName !== 'string' || typeof fingerprint !== 'string') return null;
  return { authorityName, fingerprint };
}

/** A different key than the one trusted: both sides, as main named them (TRUST_REPLACE_UNCONFIRMED). */
export interface Replacement {
  current: string;
  currentAuthority: string;
  incoming: string;
  incomingAuthority: string;
}

export function replacementOf(facts: Record<string, unknown>): Replacement {
  const text = (key: string) => (typeof facts[key] === 'string' ? (facts[key] as string) : '');
  return {
    current: text('current'),
    currentAuthority: text('currentAuthority'),
    incoming: text('incoming'),
    incomingAuthority: text('incomingAuthority'),
  };
}
