// App-wide settings kept in the data directory: the interface language.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Language } from '../../shared/ipc/dto.ts';
import { writeFileDurably } from './durable-write.ts';

const FILE = 'settings.json';
const LANGUAGES: readonly Language[] = ['en', 'ja', 'zh'];

export interface Settings {
  language: Language;
}

export function readSettings(dataDir: string, fallback: Language = 'en'): Settings {
  try {
    const raw = JSON.parse(readFileSync(join(dataDir, FILE), 'utf8')) as Partial<Settings>;
    return {
      language: LANGUAGES.includes(raw.language as Language)
        ? (raw.language as Language)
        : fallback,
    };
  } catch {
    return { language: fallback };
  }
}

export function writeSettings(dataDir: string, settings: Settings): void {
  writeFileDurably(join(dataDir, FILE), `${JSON.stringify(settings, null, 2)}\n`);
}

/** The closest supported language to an OS locale such as `ja-JP` or `zh-Hans-CN`. */
export function languageOf(locale: string | undefined): Language {
  const l = (locale ?? '').toLowerCase();
  if (l.startsWith('ja')) return 'ja';
  if (l.startsWith('zh')) return 'zh';
  return 'en';
}
