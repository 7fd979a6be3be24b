// The document store's backend in the app: electron-store (bundled into main; Node tests use conf).

import ElectronStore from 'electron-store';
import { confWriter, writerOptions } from './store-conf-like.ts';
import type { CreateBackend } from './store.ts';

/** Same settings as `confBackend`; electron-store adds only Electron's default folder, unused here. */
export const electronStoreBackend: CreateBackend = (opts) =>
  confWriter(
    opts,
    () =>
      new ElectronStore<Record<string, unknown>>({
        cwd: opts.cwd,
        name: opts.configName,
        clearInvalidConfig: false,
        accessPropertiesByDotNotation: false,
        configFileMode: 0o600,
        ...writerOptions,
      }),
  );
