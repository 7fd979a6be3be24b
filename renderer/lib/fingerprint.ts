// A key fingerprint in groups of four, so two people can read it aloud and compare.

export function fingerprintGroups(fingerprint: string): string[] {
  const compact = fingerprint.replace(/[\s:-]/g, '').toUpperCase();
  if (!/^[0-9A-Z]+$/.test(compact)) return [fingerprint];
  const groups: string[] = [];
  for (let i = 0; i < compact.length; i += 4) groups.push(compact.slice(i, i + 4));
  return groups;
}
