// Finds what an incoming code is about by its UDI (keys compared without spaces, case-insensitively).

export function sameUdi(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return false;
  const key = (s: string) => s.replace(/\s+/g, '').toLowerCase();
  return key(a) === key(b);
}

export function findByUdi<T extends { udi: string }>(
  rows: readonly T[],
  udi: string | null | undefined,
  usable: (row: T) => boolean = () => true,
): T | undefined {
  return rows.find((row) => usable(row) && sameUdi(row.udi, udi));
}
