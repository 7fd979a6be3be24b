// Remembers the main window's size and position between runs, and never restores it off-screen.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileDurably } from './services/durable-write.ts';

export interface Bounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized?: boolean;
}

const FILE = 'window-state.json';
export const DEFAULT_BOUNDS: Bounds = { width: 1280, height: 820 };

/** The saved bounds if they still overlap one of the displays' work areas; else the defaults. */
export function restoreBounds(
  dataDir: string,
  workAreas: Array<{ x: number; y: number; width: number; height: number }>,
): Bounds {
  try {
    const saved = JSON.parse(readFileSync(join(dataDir, FILE), 'utf8')) as Bounds;
    if (!(saved.width >= 640 && saved.height >= 480)) return DEFAULT_BOUNDS;
    if (saved.x === undefined || saved.y === undefined) return { ...saved };
    const visible = workAreas.some(
      (a) =>
        saved.x! < a.x + a.width - 100 &&
        saved.x! + saved.width > a.x + 100 &&
        saved.y! < a.y + a.height - 50 &&
        saved.y! >= a.y - 50,
    );
    return visible ? saved : { width: saved.width, height: saved.height };
  } catch {
    return DEFAULT_BOUNDS;
  }
}

export function saveBounds(dataDir: string, bounds: Bounds): void {
  try {
    writeFileDurably(join(dataDir, FILE), JSON.stringify(bounds));
  } catch {
    // Losing the window position is not worth an error dialog on quit.
  }
}
