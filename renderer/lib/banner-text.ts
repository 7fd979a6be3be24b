// A device's licensing banner in the operator's language: the shared catalog's `banners`
// namespace (CUCM's are its own English words in every language, as no seed translates them;
// Expressway's are seed 001's Japanese on a Japanese screen), else the device's text.
import { codedSentence } from '../../shared/i18n/error-sentence.ts';
import type { DeviceLicensingDto } from '../../shared/ipc/dto.ts';
import { ERROR_CATALOGS } from './error-catalogs.ts';
import type { Speaks } from './error-text.ts';

export function bannerText(banner: NonNullable<DeviceLicensingDto['banner']>, tr: Speaks): string {
  return codedSentence(banner, ERROR_CATALOGS, tr.language, 'banners') ?? banner.text;
}
