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
    'dialog.openFile': async ({ purpose }) => {
      const path = await dialogs().openFile(purpose);
      return {
        file:
          path === null
            ? null
            : { handle: services.handles.file(path), name: basename(path), path },
      };
    },
    'dialog.chooseDirectory': async () => {
      const path = await dialogs().chooseDirectory();
      return {
        folder:
          path === null
            ? null
            : { handle: services.handles.folder(path), name: basename(path), path },
      };
    },
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
