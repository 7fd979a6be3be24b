// What the application menu asks for, turned into navigation and state changes.
import type { MenuCommand } from '../../shared/ipc/dto.ts';
import { app } from './app-state.svelte.ts';
import { nav } from './nav.svelte.ts';
import { workspaces } from './workspaces.svelte.ts';

export function handleMenuCommand(command: MenuCommand): void {
  switch (command.command) {
    case 'new-workspace':
      nav.go('workspaces');
      break;
    case 'open-transfer':
      if (workspaces.active) nav.go('transfer');
      break;
    case 'open-inspect':
      if (workspaces.active) nav.go('inspect');
      break;
    case 'set-language':
      void app.setLanguage(command.language);
      break;
    case 'import-file':
      if (workspaces.active) nav.go('transfer', { importFile: command.file.handle });
      break;
    case 'about':
      app.aboutOpen = true;
      break;
  }
}
