// "Save as file…": main's save dialog when there is one, else a Blob download (CSSM's "Download
// as File").
import type { ErrorDto } from '../../shared/ipc/dto.ts';
import { downloadText } from './download-text.ts';
import { nativeDialogs } from './native-dialogs.svelte.ts';

export type SaveOutcome = { saved: string | null } | { error: ErrorDto };

/** `saved` is the path written, or null when the operator cancelled the dialog. */
export async function saveText(
  fileName: string,
  text: string,
  type = 'text/plain',
): Promise<SaveOutcome> {
  if (nativeDialogs.available) {
    const outcome = await nativeDialogs.saveFile(fileName, text);
    if ('chosen' in outcome) return { saved: outcome.chosen };
    if (!('unavailable' in outcome)) return { error: outcome.error };
  }
  downloadText(fileName, text, type);
  return { saved: fileName };
}
