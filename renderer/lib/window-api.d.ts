// The preload's bridge on `window`, typed from the IPC contract — derived, never hand-copied.
import type { Api } from '../../shared/ipc/contract.ts';

declare global {
  interface Window {
    /** Absent when the page runs outside Airlock's Electron shell (then api.ts says "not connected"). */
    api?: Api;
  }
}

export {};
