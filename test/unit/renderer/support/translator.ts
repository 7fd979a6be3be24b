// A plain i18next instance with the renderer's catalogs and the shared error catalog, shaped as
// the Translator the lib expects (plus the language, for the error and alert sentences).
import i18next from 'i18next';
import type { Language } from '../../../../shared/ipc/dto.ts';
import { ERROR_CATALOGS } from '../../../../renderer/lib/error-catalogs.ts';
import en from '../../../../renderer/lib/i18n/en.json';
import ja from '../../../../renderer/lib/i18n/ja.json';
import zh from '../../../../renderer/lib/i18n/zh.json';
import type { Speaks } from '../../../../renderer/lib/error-text.ts';
import type { Translator } from '../../../../renderer/lib/translator.ts';

export function translator(language: Language = 'en'): Translator & Speaks {
  const instance = i18next.createInstance();
  void instance.init({
    resources: {
      en: { translation: { ...en, ...ERROR_CATALOGS.en } },
      ja: { translation: { ...ja, ...ERROR_CATALOGS.ja } },
      zh: { translation: { ...zh, ...ERROR_CATALOGS.zh } },
    },
    lng: language,
    fallbackLng: 'en',
    initAsync: false,
    nsSeparator: false,
    interpolation: { escapeValue: false },
  });
  return {
    language,
    t: (key, params) => String(instance.t(key, params ?? {})),
    exists: (key) => instance.exists(key),
  };
}
