// The application menu: the usual roles plus Airlock's own entries, which ask the renderer to act.

import { type BrowserWindow, Menu, type MenuItemConstructorOptions } from 'electron';
import type { Language, MenuCommand } from '../shared/ipc/dto.ts';
import { MENU_COMMAND_EVENT } from '../shared/ipc/channels.ts';

const LANGUAGES: Array<[Language, string]> = [
  ['en', 'English'],
  ['ja', '日本語'],
  ['zh', '简体中文'],
];

export function buildMenu(
  window: () => BrowserWindow | undefined,
  language: Language,
  isMac: boolean,
): Menu {
  const send = (command: MenuCommand) => window()?.webContents.send(MENU_COMMAND_EVENT, command);
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        {
          label: 'New Workspace…',
          accelerator: 'CmdOrCtrl+N',
          click: () => send({ command: 'new-workspace' }),
        },
        {
          label: 'Transfer Panel',
          accelerator: 'CmdOrCtrl+T',
          click: () => send({ command: 'open-transfer' }),
        },
        {
          label: 'Inspect a Code…',
          accelerator: 'CmdOrCtrl+I',
          click: () => send({ command: 'open-inspect' }),
        },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        {
          label: 'Language',
          submenu: LANGUAGES.map(([code, label]) => ({
            label,
            type: 'radio' as const,
            checked: code === language,
            click: () => send({ command: 'set-language', language: code }),
          })),
        },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [{ label: 'About Airlock', click: () => send({ command: 'about' }) }],
    },
  ];
  return Menu.buildFromTemplate(template);
}
