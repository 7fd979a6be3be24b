// Two lists main pages shown as one (all of the first, then all of the second): the devices
// whose reservation is off and those enabled without a request are one batch's devices.
import type { PageFetch } from './page-query.ts';

export function concatPages<T>(first: PageFetch<T>, second: PageFetch<T>): PageFetch<T> {
  return async (query) => {
    const a = await first(query);
    if (!a.ok) return a;
    const firstTotal = a.value.total;
    const wanted = query.limit - a.value.rows.length;
    const b = await second({
      ...query,
      offset: Math.max(0, query.offset - firstTotal),
      limit: Math.max(1, wanted),
    });
    if (!b.ok) return b;
    return {
      ok: true,
      value: {
        rows: wanted > 0 ? [...a.value.rows, ...b.value.rows.slice(0, wanted)] : a.value.rows,
        total: firstTotal + b.value.total,
        offset: query.offset,
      },
    };
  };
}
