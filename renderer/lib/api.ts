// The one place that touches `window.api`: typed calls, errors always returned as values.
import type { Channel, IpcResult, Request, Response } from '../../shared/ipc/contract.ts';
import type { ErrorDto, MainEvent, MenuCommand } from '../../shared/ipc/dto.ts';

export type Result<C extends Channel> = IpcResult<Response<C>>;

let warned = false;

function notConnected(channel: Channel): ErrorDto {
  if (!warned) {
    warned = true;
    console.warn(
      'Airlock: window.api is missing — the window is not connected to the main process.',
    );
  }
  return {
    code: 'NOT_CONNECTED',
    message: 'Airlock is not connected to its main process.',
    facts: { channel },
  };
}

/** Whether the preload bridge is present (false in a plain browser). */
export function isConnected(): boolean {
  return typeof window !== 'undefined' && window.api !== undefined;
}

/** Calls one channel; never throws — a failure of any kind comes back as `{ ok: false, error }`. */
export async function call<C extends Channel>(channel: C, request: Request<C>): Promise<Result<C>> {
  const api = typeof window === 'undefined' ? undefined : window.api;
  const method = api?.[channel] as ((r: Request<C>) => Promise<Result<C>>) | undefined;
  if (!method) return { ok: false, error: notConnected(channel) };
  try {
    const result = await method(request);
    if (result && typeof result === 'object' && 'ok' in result) return result;
    return {
      ok: false,
      error: { code: 'IPC_BAD_RESPONSE', message: 'Unexpected answer.', facts: { channel } },
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { code: 'IPC_FAILED', message, facts: { channel } } };
  }
}

/** Listens to the application menu (main → renderer); returns the function that stops listening. */
export function onMenuCommand(listener: (command: MenuCommand) => void): () => void {
  const api = typeof window === 'undefined' ? undefined : window.api;
  if (!api || typeof api.onMenuCommand !== 'function') return () => {};
  return api.onMenuCommand(listener);
}

/** Listens to main's notices (another process changed an open workspace…); returns the stop. */
export function onMainEvent(listener: (event: MainEvent) => void): () => void {
  const api = typeof window === 'undefined' ? undefined : window.api;
  if (!api || typeof api.onMainEvent !== 'function') return () => {};
  return api.onMainEvent(listener);
}
