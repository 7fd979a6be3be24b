// The document store's backend under plain Node (CLI, tests): conf, the engine inside electron-store.

import Conf from 'conf';
import type { CreateBackend } from './store.ts';

/**
 * conf with an explicit folder, no schema and no conf migrations (ours run before it sees the
 * document), and `clearInvalidConfig: false` so a bad file is never silently emptied.
 */
export const confBackend: CreateBackend = ({ cwd, configName }) => {
  const conf = new Conf<Record<string, unknown>>({
    cwd,
    configName,
    clearInvalidConfig: false,
    accessPropertiesByDotNotation: false,
    configFileMode: 0o600,
  });
  return {
    get store(): unknown {
      return conf.store;
    },
    set store(value: unknown) {
      conf.store = value as Record<string, unknown>;
    },
    path: conf.path,
  };
};
