// The operating system's own file dialogs, offered only as an extra way (the desktop app has them;
// a plain browser or the test harness does not). The first "unavailable" answer hides them.
import type { ErrorDto } from '../../shared/ipc/dto.ts';
import { call } from './api.ts';

/** Answers that mean "no dialogs here", not "something went wrong". */
const UNAVAILABLE = new Set(['DIALOG_UNAVAILABLE', 'NOT_CONNECTED', 'IPC_UNKNOWN_CHANNEL']);

/** `path` null: the operator closed the dialog; `unavailable`: there are no dialogs here. */
export type DialogOutcome =
  { path: string | null } | { unavailable: true; error: ErrorDto } | { error: ErrorDto };

class NativeDialogs {
  /** Whether to offer "Choose a folder…", "Save elsewhere…", "Choose a file…". */
  available = $state(true);

  #settle(
    result: { ok: true; value: { path: string | null } } | { ok: false; error: ErrorDto },
  ): DialogOutcome {
    if (result.ok) return { path: result.value.path };
    if (UNAVAILABLE.has(result.error.code)) {
      this.available = false;
      return { unavailable: true, error: result.error };
    }
    return { error: result.error };
  }

  async chooseDirectory(): Promise<DialogOutcome> {
    return this.#settle(await call('dialog.chooseDirectory', {}));
  }

  async openFile(purpose: 'transfer' | 'trust' | 'any'): Promise<DialogOutcome> {
    return this.#settle(await call('dialog.openFile', { purpose }));
  }

  /** Writes `text` where the operator chooses (main never overwrites: it picks a new name). */
  async saveFile(defaultName: string, text: string): Promise<DialogOutcome> {
    return this.#settle(await call('dialog.saveFile', { defaultName, text }));
  }
}

export const nativeDialogs = new NativeDialogs();
