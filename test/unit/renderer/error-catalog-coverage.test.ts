// Every error code main can send has a sentence in the renderer's catalogs (all three languages,
// since the completeness test keeps ja and zh in step with en).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../../../renderer/lib/i18n/en.json';

const root = join(import.meta.dirname, '../../..');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** Codes thrown as `new DomainError('CODE'` or guarded with `ensure(…, 'CODE'`. */
function thrownCodes(): Set<string> {
  const codes = new Set<string>();
  for (const dir of ['shared', 'electron']) {
    for (const file of tsFiles(join(root, dir))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/new DomainError\(\s*'([A-Z][A-Z0-9]*_[A-Z0-9_]+)'/g))
        codes.add(m[1]!);
      for (const m of text.matchAll(/ensure\([^;]*?,\s*'([A-Z][A-Z0-9]*_[A-Z0-9_]+)'/gs))
        codes.add(m[1]!);
      for (const m of text.matchAll(/\bfail(?:ure)?\(\s*'([A-Z][A-Z0-9]*_[A-Z0-9_]+)'/g))
        codes.add(m[1]!);
    }
  }
  return codes;
}

describe('error catalog', () => {
  it('has a sentence for every error code main throws', () => {
    const errors = (en as { errors: Record<string, unknown> }).errors;
    const missing = [...thrownCodes()].filter((code) => !(code in errors)).sort();
    expect(missing).toEqual([]);
  });
});
