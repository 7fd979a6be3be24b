// Remembers the main window's size and position between runs, and never restores it off-screen.

import type { WindowBounds } from './services/preferences.ts';

export type Bounds = WindowBounds;

export const DEFAULT_BOUNDS: Bounds = { width: 1280, height: 820 };

/** The saved bounds if they still overlap one of the displays' work areas; else the defaults. */
export function restoreBounds(
  saved: Bounds | undefined,
  workAreas: Array<{ x: number; y: number; width: number; height: number }>,
): Bounds {
  if (!saved || !(saved.width >= 640 && saved.height >= 480)) return DEFAULT_BOUNDS;
  if (saved.x === undefined || saved.y === undefined) return { ...saved };
  const visible = workAreas.some(
    (a) =>
      saved.x! < a.x + a.width - 100 &&
      saved.x! + saved.width > a.x + 100 &&
      saved.y! < a.y + a.height - 50 &&
      saved.y! >= a.y - 50,
  );
  return visible ? saved : { width: saved.width, height: saved.height };
}
