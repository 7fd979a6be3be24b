// The one error catalog the whole app shares (shared/i18n/errors.*.json): errors, alerts, alarms,
// notes, and the words their sentences borrow. The CLI reads the English one; this window all three.
import type { Catalogs } from '../../shared/i18n/error-sentence.ts';
import en from '../../shared/i18n/errors.en.json';
import ja from '../../shared/i18n/errors.ja.json';
import zh from '../../shared/i18n/errors.zh.json';

export const ERROR_CATALOGS: Catalogs = { en, ja, zh };
