// The bridge: exactly the IPC contract's capabilities on `window.api`, one function per channel,
// plus two subscriptions (menu commands, main's events). No ipcRenderer, no free channel
// argument, no Node.

import { contextBridge, ipcRenderer } from 'electron';
import { CHANNEL_NAMES, MAIN_EVENT, MENU_COMMAND_EVENT } from '../shared/ipc/channels.ts';
import type { MainEvent, MenuCommand } from '../shared/ipc/dto.ts';

const api: Record<string, unknown> = {};
for (const channel of CHANNEL_NAMES) {
  api[channel] = (request: unknown) => ipcRenderer.invoke(channel, request);
}
api.onMenuCommand = (listener: (command: MenuCommand) => void) => {
  const handler = (_event: unknown, command: MenuCommand) => listener(command);
  ipcRenderer.on(MENU_COMMAND_EVENT, handler);
  return () => {
    ipcRenderer.removeListener(MENU_COMMAND_EVENT, handler);
  };
};

api.onMainEvent = (listener: (event: MainEvent) => void) => {
  const handler = (_event: unknown, event: MainEvent) => listener(event);
  ipcRenderer.on(MAIN_EVENT, handler);
  return () => {
    ipcRenderer.removeListener(MAIN_EVENT, handler);
  };
};

contextBridge.exposeInMainWorld('api', Object.freeze(api));
