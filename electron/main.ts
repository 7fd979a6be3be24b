// The Electron main process: one secure window, the IPC router behind ipcMain.handle, the menu,
// single-instance, and transfer files opened from the desktop.

import {
  BrowserWindow,
  Menu,
  app,
  clipboard,
  dialog,
  ipcMain,
  safeStorage,
  screen,
  session,
} from 'electron';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ElectronStore from 'electron-store';
import { MAIN_EVENT, MENU_COMMAND_EVENT } from '../shared/ipc/channels.ts';
import type { MainEvent } from '../shared/ipc/dto.ts';
import { createAppServices, type Dialogs } from './app-services.ts';
import { createRouter } from './ipc/router.ts';
import { buildMenu } from './menu.ts';
import { internalErrorReport } from './services/internal-error.ts';
import {
  CONTENT_SECURITY_POLICY,
  devPolicy,
  hardenApp,
  pageUrlCheck,
  secureWebPreferences,
  userDataOverride,
} from './security.ts';
import {
  type PreferenceStore,
  type Preferences,
  languageOf,
  preferenceOptions,
} from './services/preferences.ts';
import { restoreBounds } from './window-state.ts';

/** How often the app looks whether another process (a CLI script) changed an open workspace. */
const CHANGE_POLL_MS = 1000;

// A lab or portable copy (and the desktop smoke test) may keep its data elsewhere; not a packaged app.
const userData = userDataOverride(process.env, app.isPackaged);
if (userData) app.setPath('userData', userData);

const devServer = !app.isPackaged ? process.env.AIRLOCK_DEV_SERVER_URL : undefined;
const rendererFile = join(__dirname, 'renderer', 'index.html');
const isAllowedUrl = pageUrlCheck(pathToFileURL(rendererFile).href, devServer);
let mainWindow: BrowserWindow | undefined;
const pendingFiles: string[] = [];

function transferFileIn(argv: readonly string[]): string | undefined {
  return argv.find((a) => a.toLowerCase().endsWith('.airlock'));
}

/** Set once the services exist: a file opened from the desktop reaches the window as a handle. */
let fileHandle: ((path: string) => string) | undefined;

function openFile(path: string): void {
  if (mainWindow && !mainWindow.webContents.isLoading() && fileHandle) {
    const file = { handle: fileHandle(path), name: basename(path), path };
    mainWindow.webContents.send(MENU_COMMAND_EVENT, { command: 'import-file', file });
  } else pendingFiles.push(path);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_event, argv) => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
    const file = transferFileIn(argv);
    if (file) openFile(file);
  });
  app.on('open-file', (event, path) => {
    event.preventDefault();
    openFile(path);
  });
  app.whenReady().then(start, (error: unknown) => {
    dialog.showErrorBox('Airlock could not start', String(error));
    app.exit(1);
  });
  app.on('window-all-closed', () => app.quit());
}

function start(): void {
  const dataDir = app.getPath('userData');
  const policy = devServer ? devPolicy(CONTENT_SECURITY_POLICY) : CONTENT_SECURITY_POLICY;
  hardenApp(app, session.defaultSession, isAllowedUrl, policy);
  const dialogs: Dialogs = {
    async openFile(purpose) {
      const filters =
        purpose === 'transfer'
          ? [{ name: 'Airlock transfer files', extensions: ['airlock', 'txt'] }]
          : purpose === 'trust'
            ? [{ name: 'Trust files', extensions: ['json', 'airlock-trust'] }]
            : [];
      const result = await dialog.showOpenDialog(mainWindow!, {
        properties: ['openFile'],
        filters,
      });
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async saveFile(defaultName) {
      const result = await dialog.showSaveDialog(mainWindow!, { defaultPath: defaultName });
      return result.canceled ? null : (result.filePath ?? null);
    },
    async chooseDirectory() {
      const result = await dialog.showOpenDialog(mainWindow!, {
        properties: ['openDirectory', 'createDirectory'],
      });
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
  };
  const notify = (event: MainEvent) => mainWindow?.webContents.send(MAIN_EVENT, event);
  const services = createAppServices({
    dataDir,
    appVersion: app.getVersion(),
    // The first screen does not wait for a read of the whole database file: see file-check.ts.
    backgroundChecks: true,
    createPreferences: (cwd): PreferenceStore => {
      const { configName, ...options } = preferenceOptions(cwd);
      return new ElectronStore<Preferences>({
        ...options,
        name: configName,
      } as ConstructorParameters<typeof ElectronStore<Preferences>>[0]);
    },
    secretStore: {
      isAvailable: () => safeStorage.isEncryptionAvailable(),
      encrypt: (text) => safeStorage.encryptString(text),
      decrypt: (encrypted) => safeStorage.decryptString(encrypted),
    },
    clipboard,
    dialogs,
    defaultLanguage: languageOf(app.getLocale()),
  });
  fileHandle = (path) => services.handles.file(path);
  services.onEvent(notify); // damage found, batch progress: the window is told
  const router = createRouter(services, {
    // The window shows only the reference; the log keeps it with the stack.
    onInternalError: (error, reference, channel) =>
      console.error(internalErrorReport(reference, channel, error)),
  });
  const refreshMenu = () =>
    Menu.setApplicationMenu(
      buildMenu(() => mainWindow, services.language(), process.platform === 'darwin'),
    );
  for (const channel of router.channels) {
    ipcMain.handle(channel, async (event, payload: unknown) => {
      // Only our own window, showing our own page, may call in.
      const fromOurWindow = mainWindow !== undefined && event.sender === mainWindow.webContents;
      if (!fromOurWindow || !isAllowedUrl(event.senderFrame?.url ?? '')) {
        return {
          ok: false,
          error: {
            code: 'IPC_UNTRUSTED_SENDER',
            message: 'Request refused: unknown sender.',
            facts: {},
          },
        };
      }
      const result = await router.invoke(channel, payload);
      if (channel === 'app.setLanguage') refreshMenu(); // the Language menu shows the choice
      return result;
    });
  }
  refreshMenu();

  const bounds = restoreBounds(
    services.preferences.get('window'),
    screen.getAllDisplays().map((d) => d.workArea),
  );
  mainWindow = new BrowserWindow({
    ...bounds,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Airlock',
    backgroundColor: '#f6f7f9',
    webPreferences: secureWebPreferences(join(__dirname, 'preload.cjs')),
  });
  if (bounds.maximized) mainWindow.maximize();
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.webContents.on('did-finish-load', () => {
    const first = transferFileIn(process.argv);
    if (first) pendingFiles.unshift(first);
    for (const file of pendingFiles.splice(0)) openFile(file);
  });
  mainWindow.on('close', () => {
    if (!mainWindow) return;
    try {
      services.preferences.set('window', {
        ...mainWindow.getNormalBounds(),
        maximized: mainWindow.isMaximized(),
      });
    } catch {
      // Losing the window position is not worth an error dialog on quit.
    }
  });
  mainWindow.on('closed', () => {
    mainWindow = undefined;
  });
  // A script (the CLI) may change a workspace the window shows: tell the window, which reloads.
  const poll = setInterval(() => {
    for (const workspaceId of services.workspaces.changedElsewhere())
      services.emit({ type: 'workspace-changed', workspaceId });
  }, CHANGE_POLL_MS);
  app.on('will-quit', (event) => {
    clearInterval(poll);
    event.preventDefault();
    void services.close().finally(() => app.exit(0));
  });
  void (devServer ? mainWindow.loadURL(devServer) : mainWindow.loadFile(rendererFile));
}
