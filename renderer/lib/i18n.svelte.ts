// Interface language: i18next holds the catalogs (the interface's own plus the shared error
// catalog, so `t('udiFields.sn')` works too); a `$state` field makes every `t()` call reactive.
import i18next from 'i18next';
import { ERROR_CATALOGS } from './error-catalogs.ts';
import en from './i18n/en.json';
import ja from './i18n/ja.json';
import zh from './i18n/zh.json';
import type { Language } from '../../shared/ipc/dto.ts';
import type { Translator } from './translator.ts';

export const LANGUAGES: ReadonlyArray<{ code: Language; label: string; htmlLang: string }> = [
  { code: 'en', label: 'English', htmlLang: 'en' },
  { code: 'ja', label: '日本語', htmlLang: 'ja' },
  { code: 'zh', label: '简体中文', htmlLang: 'zh-Hans' },
];

const instance = i18next.createInstance();
void instance.init({
  resources: {
    en: { translation: { ...en, ...ERROR_CATALOGS.en } },
    ja: { translation: { ...ja, ...ERROR_CATALOGS.ja } },
    zh: { translation: { ...zh, ...ERROR_CATALOGS.zh } },
  },
  lng: 'en',
  fallbackLng: 'en',
  initAsync: false,
  nsSeparator: false,
  interpolation: { escapeValue: false },
});

class I18nState implements Translator {
  #language = $state<Language>('en');

  get language(): Language {
    return this.#language;
  }

  /** Translates a key; reading `#language` makes the calling template re-render on a switch. */
  t = (key: string, params?: Record<string, unknown>): string => {
    void this.#language;
    return String(instance.t(key, params ?? {}));
  };

  exists = (key: string): boolean => {
    void this.#language;
    return instance.exists(key);
  };

  apply(language: Language): void {
    void instance.changeLanguage(language);
    this.#language = language;
    const html = LANGUAGES.find((l) => l.code === language)?.htmlLang ?? 'en';
    document.documentElement.lang = html;
  }
}

export const i18n = new I18nState();
export const t = i18n.t;
