// App preferences — interface language, window bounds, last workspace — in one small store:
// electron-store in the app, conf (its engine) under plain Node. Preferences only: the system of
// record of every workspace is its own database.

import Conf from 'conf';
import type { Language } from '../../shared/ipc/dto.ts';

export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized?: boolean;
}

export interface Preferences {
  language?: Language;
  window?: WindowBounds;
  lastWorkspace?: string;
}

/** What both electron-store and conf offer. */
export interface PreferenceStore {
  get<K extends keyof Preferences>(key: K): Preferences[K];
  set<K extends keyof Preferences>(key: K, value: Preferences[K]): void;
}

export type CreatePreferences = (dataDir: string) => PreferenceStore;

/** The store's JSON schema: a hand-edited value of the wrong shape is refused, not used. */
export const PREFERENCES_SCHEMA = {
  language: { type: 'string', enum: ['en', 'ja', 'zh'] },
  window: {
    type: 'object',
    properties: {
      x: { type: 'number' },
      y: { type: 'number' },
      width: { type: 'number', minimum: 0 },
      height: { type: 'number', minimum: 0 },
      maximized: { type: 'boolean' },
    },
    required: ['width', 'height'],
  },
  lastWorkspace: { type: 'string', maxLength: 200 },
} as const;

/** The options both stores take: the data folder, our file name, a damaged file started afresh. */
export function preferenceOptions(dataDir: string) {
  return {
    cwd: dataDir,
    configName: 'preferences',
    schema: PREFERENCES_SCHEMA,
    // Preferences are cheap to lose and must never stop the app from starting.
    clearInvalidConfig: true,
    configFileMode: 0o600,
  };
}

export const confPreferences: CreatePreferences = (dataDir) =>
  new Conf<Preferences>(
    preferenceOptions(dataDir) as ConstructorParameters<typeof Conf<Preferences>>[0],
  );

/** The closest supported language to an OS locale such as `ja-JP` or `zh-Hans-CN`. */
export function languageOf(locale: string | undefined): Language {
  const l = (locale ?? '').toLowerCase();
  if (l.startsWith('ja')) return 'ja';
  if (l.startsWith('zh')) return 'zh';
  return 'en';
}
