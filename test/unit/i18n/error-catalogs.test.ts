// The three shared error catalogs stay in step: the same keys, the same placeholders, really
// translated, every group of variants with a default, every English sentence one printable line.
import { describe, expect, it } from 'vitest';
import en from '../../../shared/i18n/errors.en.json';
import ja from '../../../shared/i18n/errors.ja.json';
import zh from '../../../shared/i18n/errors.zh.json';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) =>
  [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

const keys = { en: flatten(en as Tree), ja: flatten(ja as Tree), zh: flatten(zh as Tree) };

describe('shared error catalogs', () => {
  for (const language of ['ja', 'zh'] as const) {
    it(`has every English key in ${language}, and no other`, () => {
      expect([...keys.en.keys()].filter((k) => !keys[language].has(k))).toEqual([]);
      expect([...keys[language].keys()].filter((k) => !keys.en.has(k))).toEqual([]);
    });

    it(`keeps the same placeholders in ${language}`, () => {
      const differing = [...keys.en].filter(
        ([k, text]) => placeholders(text).join() !== placeholders(keys[language].get(k)!).join(),
      );
      expect(differing.map(([k]) => k)).toEqual([]);
    });

    it(`translates ${language} (no long English sentence left as it was)`, () => {
      // CUCM's banners are its own English words (seed 002), which no seed translates.
      const same = [...keys.en].filter(
        ([k, text]) =>
          text.length > 40 && keys[language].get(k) === text && !k.startsWith('banners.UCM_'),
      );
      expect(same.map(([k]) => k)).toEqual([]);
    });
  }

  it('never groups variants without a default sentence', () => {
    const groups = new Set(
      [...keys.en.keys()]
        .filter((k) => /^(errors|alerts|inspectNotes|ledgerNotes)\.[A-Z_]+\.[\w-]+$/.test(k))
        .map((k) => k.split('.').slice(0, 2).join('.')),
    );
    expect([...groups].filter((g) => !keys.en.has(`${g}.default`))).toEqual([]);
  });

  it('writes every English sentence on one line, for the terminal', () => {
    expect([...keys.en].filter(([, text]) => /[\r\n\t]/.test(text)).map(([k]) => k)).toEqual([]);
  });
});
