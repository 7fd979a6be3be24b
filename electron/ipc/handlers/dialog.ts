// dialog.*: the operating system's own file pickers (only in the desktop app).

import { basename, dirname } from 'node:path';
import { DomainError } from '../../../shared/errors.ts';
import type { AppServices } from '../../app-services.ts';
import { safeFileName, writeFileAtomic } from '../../services/files.ts';
import type { HandlersOf } from './index.ts';

export function dialogHandlers(services: AppServices): HandlersOf<'dialog'> {
  const dialogs = () => {
    if (!services.dialogs) throw new DomainError('DIALOG_UNAVAILABLE');
    return services.dialogs;
  };
  return {
    'dialog.openFile': async ({ purpose }) => ({ path: await dialogs().openFile(purpose) }),
    'dialog.chooseDirectory': async () => ({ path: await dialogs().chooseDirectory() }),
    'dialog.saveFile': async ({ defaultName, text }) => {
      // A suggested name, not a path: `../x` or `/etc/x` must not steer where the dialog opens.
      const chosen = await dialogs().saveFile(safeFileName(defaultName));
      if (chosen === null) return { path: null };
      // The save dialog may have confirmed a replacement; we still never overwrite: a new name is used.
      const written = await writeFileAtomic(dirname(chosen), basename(chosen), text);
      return { path: written.path };
    },
  };
}
