// Everything the IPC router and the CLI work with, built once per process from plain options, so
// the same services run inside Electron's main process, the CLI, and the tests' Node process.

import { mkdirSync } from 'node:fs';
import type { DomainPorts } from '../shared/ports.ts';
import type { DriveDto, Language, MainEvent } from '../shared/ipc/dto.ts';
import { createNodePorts } from './services/crypto-node.ts';
import { listDrives } from './services/drives/list-drives.ts';
import { BatchRunner } from './services/batches.ts';
import { CryptoPool } from './services/crypto-pool.ts';
import { HandleRegistry } from './services/handles.ts';
import type { SecretStore } from './services/passphrase-memory.ts';
import {
  type CreatePreferences,
  type PreferenceStore,
  confPreferences,
} from './services/preferences.ts';
import { WorkspaceRepository } from './services/workspaces/workspace-repository.ts';

export interface Clipboard {
  writeText(text: string): void;
}

/** The OS file pickers: Electron's dialog module in the app, absent elsewhere. */
export interface Dialogs {
  openFile(purpose: 'transfer' | 'trust' | 'any'): Promise<string | null>;
  saveFile(defaultName: string): Promise<string | null>;
  chooseDirectory(): Promise<string | null>;
}

export interface AppServicesOptions {
  dataDir: string;
  appVersion?: string;
  platform?: NodeJS.Platform;
  /** Preferences: electron-store in the app; conf (its engine) under plain Node. */
  createPreferences?: CreatePreferences;
  /** How long a write waits for another process before WORKSPACE_BUSY (ms). */
  busyTimeoutMs?: number;
  /** The operator's passphrase where it comes without asking (the CLI's environment). */
  passphrase?: () => string | undefined;
  /** Check each workspace database on another core while it is in use (the app). */
  backgroundChecks?: boolean;
  /** Told when a background check finds an open workspace damaged. */
  onDamaged?: (workspaceId: string) => void;
  ports?: Partial<DomainPorts>;
  secretStore?: SecretStore;
  clipboard?: Clipboard;
  dialogs?: Dialogs;
  /** Folders shown as drives (labs, tests); AIRLOCK_EXTRA_DRIVES is read as well. */
  extraDrives?: string[];
  defaultLanguage?: Language;
}

export interface AppServices {
  readonly dataDir: string;
  readonly appVersion: string;
  readonly platform: NodeJS.Platform;
  readonly ports: DomainPorts;
  readonly workspaces: WorkspaceRepository;
  readonly clipboard: Clipboard;
  readonly dialogs: Dialogs | undefined;
  readonly preferences: PreferenceStore;
  /** Folders and files the operator chose, by the opaque handles the window names them with. */
  readonly handles: HandleRegistry;
  /** Long batches, in chunks, with progress and cancel. */
  readonly batches: BatchRunner;
  /** Signing and verifying for batches, on worker threads (one per core, at most four). */
  readonly crypto: CryptoPool;
  /** What main tells whoever listens (the window, the CLI's progress bar). */
  onEvent(listener: (event: MainEvent) => void): () => void;
  emit(event: MainEvent): void;
  language(): Language;
  setLanguage(language: Language): void;
  drives(): Promise<DriveDto[]>;
  /** Finishes background work (backups) and closes every workspace database. */
  close(): Promise<void>;
}

/** A clipboard for processes without one (CLI, tests): remembers the last text. */
export function memoryClipboard(): Clipboard & { text: string } {
  return {
    text: '',
    writeText(text: string) {
      this.text = text;
    },
  };
}

export function createAppServices(options: AppServicesOptions): AppServices {
  const { dataDir } = options;
  mkdirSync(dataDir, { recursive: true });
  const ports: DomainPorts = { ...createNodePorts(), ...options.ports };
  const platform = options.platform ?? process.platform;
  const listeners = new Set<(event: MainEvent) => void>();
  const emit = (event: MainEvent) => {
    for (const listener of listeners) listener(event);
  };
  const workspaces = new WorkspaceRepository({
    dataDir,
    ports,
    ...(options.secretStore ? { secretStore: options.secretStore } : {}),
    ...(options.busyTimeoutMs !== undefined ? { busyTimeoutMs: options.busyTimeoutMs } : {}),
    ...(options.backgroundChecks ? { backgroundChecks: true } : {}),
    ...(options.passphrase ? { passphrase: options.passphrase } : {}),
    onDamaged: (workspaceId) => {
      options.onDamaged?.(workspaceId);
      emit({ type: 'workspace-damaged', workspaceId });
    },
  });
  // Opened at first use: a command-line run that never asks for a preference does not pay for
  // compiling the store's schema (a seventh of a short command's start-up).
  let store: PreferenceStore | undefined;
  const opened = () => (store ??= (options.createPreferences ?? confPreferences)(dataDir));
  const preferences: PreferenceStore = {
    get: (key) => opened().get(key),
    set: (key, value) => opened().set(key, value),
  };
  const handles = new HandleRegistry(ports.random);
  const crypto = new CryptoPool();
  return {
    dataDir,
    appVersion: options.appVersion ?? '0.0.0',
    platform,
    ports,
    workspaces,
    clipboard: options.clipboard ?? memoryClipboard(),
    dialogs: options.dialogs,
    preferences,
    handles,
    batches: new BatchRunner(emit),
    crypto,
    onEvent(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    emit,
    language: () => preferences.get('language') ?? options.defaultLanguage ?? 'en',
    setLanguage(language) {
      preferences.set('language', language);
    },
    close: async () => {
      await crypto.close();
      await workspaces.close();
    },
    async drives() {
      const { drives } = await listDrives({ platform, extraDirs: options.extraDrives ?? [] });
      return drives.map((d) => ({
        handle: handles.folder(d.path),
        path: d.path,
        label: d.label,
        removable: d.removable,
        freeBytes: d.freeBytes ?? null,
        readOnly: d.readOnly ?? false,
      }));
    },
  };
}
