import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES, MENU_COMMAND_EVENT, PRELOAD_KEYS } from '../../../shared/ipc/channels.ts';
import { CHANNELS } from '../../../shared/ipc/contract.ts';

const exposed: Record<string, unknown> = {};
const invoke = vi.fn(async (channel: string, request: unknown) => ({ channel, request }));
const on = vi.fn();
const removeListener = vi.fn();

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, value: unknown) => {
      exposed[key] = value;
    },
  },
  ipcRenderer: { invoke, on, removeListener, send: vi.fn(), sendSync: vi.fn() },
}));

describe('preload bridge', () => {
  beforeAll(async () => {
    await import('../../../electron/preload.ts');
  });

  it('puts only `api` on the window', () => {
    expect(Object.keys(exposed)).toEqual(['api']);
  });

  it('exposes exactly the contract: one function per channel plus the menu subscription', () => {
    const api = exposed.api as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual([...PRELOAD_KEYS].sort());
    expect([...CHANNEL_NAMES].sort()).toEqual([...CHANNELS].sort());
    for (const key of Object.keys(api)) expect(typeof api[key]).toBe('function');
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('sends each call on its own channel and nowhere else', async () => {
    const api = exposed.api as Record<string, (request: unknown) => Promise<unknown>>;
    for (const channel of CHANNEL_NAMES) {
      invoke.mockClear();
      await api[channel]!({ probe: channel });
      expect(invoke).toHaveBeenCalledExactlyOnceWith(channel, { probe: channel });
    }
  });

  it('subscribes to menu commands and returns a working unsubscribe', () => {
    const api = exposed.api as { onMenuCommand: (listener: (c: unknown) => void) => () => void };
    const seen: unknown[] = [];
    const unsubscribe = api.onMenuCommand((command) => seen.push(command));
    const [event, handler] = on.mock.calls.at(-1)! as [string, (e: unknown, c: unknown) => void];
    expect(event).toBe(MENU_COMMAND_EVENT);
    handler({ sender: 'ignored' }, { command: 'open-transfer' });
    expect(seen).toEqual([{ command: 'open-transfer' }]);
    unsubscribe();
    expect(removeListener).toHaveBeenCalledWith(MENU_COMMAND_EVENT, handler);
  });
});
