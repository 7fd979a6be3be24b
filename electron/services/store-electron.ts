// The document store's backend in the app: electron-store (bundled into main; Node tests use conf).

import ElectronStore from 'electron-store';
import type { CreateBackend } from './store.ts';

/** Same settings as `confBackend`; electron-store adds only Electron's default folder, unused here. */
export const electronStoreBackend: CreateBackend = ({ cwd, configName }) => {
  const store = new ElectronStore<Record<string, unknown>>({
    cwd,
    name: configName,
    clearInvalidConfig: false,
    accessPropertiesByDotNotation: false,
    configFileMode: 0o600,
  });
  return {
    get store(): unknown {
      return store.store;
    },
    set store(value: unknown) {
      store.store = value as Record<string, unknown>;
    },
    path: store.path,
  };
};
