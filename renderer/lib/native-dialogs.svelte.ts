// The operating system's own file dialogs, offered only as an extra way (the desktop app has them;
// a plain browser or the test harness does not). The first "unavailable" answer hides them.
// What the operator picks comes back as a handle main handed out: the window never names a path.
import type { ChosenDto, ErrorDto } from '../../shared/ipc/dto.ts';
import { call } from './api.ts';

/** Answers that mean "no dialogs here", not "something went wrong". */
const UNAVAILABLE = new Set(['DIALOG_UNAVAILABLE', 'NOT_CONNECTED', 'IPC_UNKNOWN_CHANNEL']);

/** `chosen` null: the operator closed the dialog; `unavailable`: there are no dialogs here. */
export type DialogOutcome<T> =
  { chosen: T | null } | { unavailable: true; error: ErrorDto } | { error: ErrorDto };

type Answer<T> = { ok: true; value: T } | { ok: false; error: ErrorDto };

class NativeDialogs {
  /** Whether to offer "Choose a folder…", "Save elsewhere…", "Choose a file…". */
  available = $state(true);

  #settle<T, V>(result: Answer<V>, pick: (value: V) => T | null): DialogOutcome<T> {
    if (result.ok) return { chosen: pick(result.value) };
    if (UNAVAILABLE.has(result.error.code)) {
      this.available = false;
      return { unavailable: true, error: result.error };
    }
    return { error: result.error };
  }

  async chooseDirectory(): Promise<DialogOutcome<ChosenDto>> {
    return this.#settle(await call('dialog.chooseDirectory', {}), (v) => v.folder);
  }

  async openFile(purpose: 'transfer' | 'trust' | 'any'): Promise<DialogOutcome<ChosenDto>> {
    return this.#settle(await call('dialog.openFile', { purpose }), (v) => v.file);
  }

  /** Writes `text` where the operator chooses (main never overwrites: it picks a new name). */
  async saveFile(defaultName: string, text: string): Promise<DialogOutcome<string>> {
    return this.#settle(await call('dialog.saveFile', { defaultName, text }), (v) => v.path);
  }
}

export const nativeDialogs = new NativeDialogs();
