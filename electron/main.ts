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
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MENU_COMMAND_EVENT } from '../shared/ipc/channels.ts';
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
import { languageOf } from './services/settings.ts';
import { electronStoreBackend } from './services/store-electron.ts';
import { restoreBounds, saveBounds } from './window-state.ts';

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

function openFile(path: string): void {
  if (mainWindow && !mainWindow.webContents.isLoading()) {
    mainWindow.webContents.send(MENU_COMMAND_EVENT, { command: 'import-file', path });
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
  const services = createAppServices({
    dataDir,
    appVersion: app.getVersion(),
    createBackend: electronStoreBackend,
    secretStore: {
      isAvailable: () => safeStorage.isEncryptionAvailable(),
      encrypt: (text) => safeStorage.encryptString(text),
      decrypt: (encrypted) => safeStorage.decryptString(encrypted),
    },
    clipboard,
    dialogs,
    defaultLanguage: languageOf(app.getLocale()),
  });
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
    dataDir,
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
    saveBounds(dataDir, { ...mainWindow.getNormalBounds(), maximized: mainWindow.isMaximized() });
  });
  mainWindow.on('closed', () => {
    mainWindow = undefined;
  });
  void (devServer ? mainWindow.loadURL(devServer) : mainWindow.loadFile(rendererFile));
}
