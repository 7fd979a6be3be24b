// The two things pure modules need from i18n, so they can be tested with a plain i18next instance.
export interface Translator {
  t(key: string, params?: Record<string, unknown>): string;
  exists(key: string): boolean;
}
