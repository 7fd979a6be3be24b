// "Save as file…": main's save dialog when connected, else a Blob download (CSSM's "Download as File").
import type { ErrorDto } from '../../shared/ipc/dto.ts';
import { call } from './api.ts';
import { downloadText } from './download-text.ts';

export type SaveOutcome = { saved: string | null } | { error: ErrorDto };

const NO_DIALOG = new Set(['NOT_CONNECTED', 'IPC_UNKNOWN_CHANNEL', 'DIALOG_UNAVAILABLE']);

/** `saved` is the path written, or null when the operator cancelled the dialog. */
export async function saveText(
  fileName: string,
  text: string,
  type = 'text/plain',
): Promise<SaveOutcome> {
  const result = await call('dialog.saveFile', { defaultName: fileName, text });
  if (result.ok) return { saved: result.value.path };
  if (NO_DIALOG.has(result.error.code)) {
    downloadText(fileName, text, type);
    return { saved: fileName };
  }
  return { error: result.error };
}
