// A plain i18next instance with the renderer's catalogs, shaped as the Translator the lib expects.
import i18next from 'i18next';
import en from '../../../../renderer/lib/i18n/en.json';
import ja from '../../../../renderer/lib/i18n/ja.json';
import zh from '../../../../renderer/lib/i18n/zh.json';
import type { Translator } from '../../../../renderer/lib/translator.ts';

export function translator(language: 'en' | 'ja' | 'zh' = 'en'): Translator {
  const instance = i18next.createInstance();
  void instance.init({
    resources: { en: { translation: en }, ja: { translation: ja }, zh: { translation: zh } },
    lng: language,
    fallbackLng: 'en',
    initAsync: false,
    nsSeparator: false,
    interpolation: { escapeValue: false },
  });
  return {
    t: (key, params) => String(instance.t(key, params ?? {})),
    exists: (key) => instance.exists(key),
  };
}
