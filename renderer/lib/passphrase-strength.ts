// A plain strength hint for the authority passphrase (length and variety, not a promise).

export type Strength = 'too-short' | 'weak' | 'fair' | 'good' | 'strong';

export const MIN_PASSPHRASE_LENGTH = 10;

export function passphraseStrength(passphrase: string): Strength {
  const length = [...passphrase].length;
  if (length < MIN_PASSPHRASE_LENGTH) return 'too-short';
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(passphrase));
  const distinct = new Set(passphrase).size;
  if (distinct < 5) return 'weak';
  const score = (length >= 14 ? 1 : 0) + (length >= 20 ? 1 : 0) + classes.length;
  if (score >= 5) return 'strong';
  if (score >= 4) return 'good';
  if (score >= 2) return 'fair';
  return 'weak';
}

/** What is wrong with the two fields, each for its own field: too short, or not the same. */
export function passphraseProblems(
  passphrase: string,
  repeat: string,
): { passphrase: 'too-short' | null; repeat: 'mismatch' | null } {
  return {
    passphrase: [...passphrase].length < MIN_PASSPHRASE_LENGTH ? 'too-short' : null,
    repeat: passphrase !== repeat ? 'mismatch' : null,
  };
}
