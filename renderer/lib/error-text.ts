// Turns an error value from main (`code` + `facts`) into one sentence in the operator's language,
// with the shared catalog and the shared rules (shared/i18n/error-sentence.ts) the CLI uses too.
import { codedSentence, interpolate, translate } from '../../shared/i18n/error-sentence.ts';
import type { ErrorDto, Language } from '../../shared/ipc/dto.ts';
import { ERROR_CATALOGS } from './error-catalogs.ts';

/** Whatever knows the current language (the i18n state; reading it keeps templates reactive). */
export interface Speaks {
  readonly language: Language;
}

/** One sentence in the current language; English `message` from main only when no key exists. */
export function errorText(error: ErrorDto, tr: Speaks): string {
  const sentence = codedSentence(error, ERROR_CATALOGS, tr.language);
  if (sentence !== undefined) return sentence;
  if (error.message) return error.message;
  const unknown = translate(ERROR_CATALOGS, tr.language, 'errors.unknown') ?? '{{code}}';
  return interpolate(unknown, { code: error.code });
}

/** What support is told: the code, and for an internal error the reference the log holds. */
export function errorReference(error: ErrorDto): string {
  const reference = error.facts.reference;
  return typeof reference === 'string' ? `${error.code} ${reference}` : error.code;
}

/** Tables of a workspace's records (guarded-records.ts) by the names the error sentences use. */
export function tableNames(tables: readonly unknown[], tr: Speaks): string {
  return tables
    .map((t) => translate(ERROR_CATALOGS, tr.language, `factWords.table.${String(t)}`) ?? String(t))
    .join(tr.language === 'en' ? ', ' : '、');
}
