// Remembers the authority passphrase, only ever encrypted by the OS keychain (Electron safeStorage).

import { readFileSync, rmSync } from 'node:fs';
import { DomainError } from '../../shared/errors.ts';
import { writeFileDurably } from './durable-write.ts';

/** Electron's `safeStorage` has this shape; the CLI and tests have none or a fake. */
export interface SecretStore {
  isAvailable(): boolean;
  encrypt(text: string): Buffer | Uint8Array;
  decrypt(encrypted: Buffer): string;
}

/**
 * Stores `passphrase` encrypted at `path`. Refuses (SECRET_STORE_UNAVAILABLE) when the OS offers
 * no keychain: writing it in plaintext instead would defeat the encrypted key file.
 */
export function rememberPassphrase(store: SecretStore, path: string, passphrase: string): void {
  if (!store.isAvailable()) throw new DomainError('SECRET_STORE_UNAVAILABLE');
  writeFileDurably(path, store.encrypt(passphrase), 0o600);
}

/**
 * The remembered passphrase, or undefined when there is none or it can no longer be decrypted
 * (another OS user, a reset keychain): either way the app simply asks the user again.
 */
export function recallPassphrase(store: SecretStore, path: string): string | undefined {
  if (!store.isAvailable()) return undefined;
  let blob: Buffer;
  try {
    blob = readFileSync(path);
  } catch {
    return undefined;
  }
  try {
    return store.decrypt(blob);
  } catch {
    return undefined;
  }
}

export function forgetPassphrase(path: string): void {
  rmSync(path, { force: true });
}
