// conf and electron-store (built on conf) as the store's writer, without the whole-file reads
// conf would make that the store has no use for.
//
// The store reads, upgrades and validates the document itself (store.ts); conf only writes it,
// atomically. Left to itself, conf (15.x) also parses the whole file when it is constructed (to
// merge defaults, which we have none of) and again before every write (to carry over its own
// `__internal__` key, which only conf's migrations use; we run our own). At 10,000 instances —
// a 50 MB file — that was a quarter of a second on every open and on every save. So conf is
// made when the first save needs it and given a `deserialize` that does not parse (nothing here
// reads through conf; it still reads the file once, as text, when made), and each write hands it
// the document with an `__internal__` key that is present, so conf skips its read, but not
// enumerable, so JSON never writes it. Were a later conf to stop looking for that key, writes
// would only be slower, never different.

import { resolve } from 'node:path';
import type { StoreBackend } from './store.ts';

/** What the store uses of a conf or electron-store instance. */
export interface ConfLike {
  store: Record<string, unknown>;
  readonly path: string;
}

/** The conf options that make it the writer the store needs (see above). */
export const writerOptions = {
  /** Nothing reads the document through conf, so conf never needs to parse it. */
  deserialize: (): Record<string, unknown> => ({}),
  /** Compact JSON: conf's default indents with tabs, which only makes a large file larger. */
  serialize: (value: unknown): string => JSON.stringify(value),
};

const CONF_INTERNAL_KEY = '__internal__';

/** A writer over the conf that `create` makes when first needed, at conf's own path for the file. */
export function confWriter(
  opts: { cwd: string; configName: string },
  create: () => ConfLike,
): StoreBackend {
  const path = resolve(opts.cwd, `${opts.configName}.json`);
  let conf: ConfLike | undefined;
  return {
    set store(value: unknown) {
      if (!conf) {
        conf = create();
        if (resolve(conf.path) !== path) throw new Error(`conf writes ${conf.path}, not ${path}`);
      }
      const doc = { ...(value as Record<string, unknown>) };
      Object.defineProperty(doc, CONF_INTERNAL_KEY, { value: {}, enumerable: false });
      conf.store = doc;
    },
    path,
  };
}
