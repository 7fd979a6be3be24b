// The document store's backend under plain Node (CLI, tests): conf, the engine inside electron-store.

import Conf from 'conf';
import { confWriter, writerOptions } from './store-conf-like.ts';
import type { CreateBackend } from './store.ts';

/**
 * conf with an explicit folder, no schema and no conf migrations (ours run before it sees the
 * document), `clearInvalidConfig: false` so a bad file is never silently emptied; it only writes (see
 * store-conf-like.ts).
 */
export const confBackend: CreateBackend = (opts) =>
  confWriter(
    opts,
    () =>
      new Conf<Record<string, unknown>>({
        cwd: opts.cwd,
        configName: opts.configName,
        clearInvalidConfig: false,
        accessPropertiesByDotNotation: false,
        configFileMode: 0o600,
        ...writerOptions,
      }),
  );
