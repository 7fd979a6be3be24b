// The one door into main: every request is checked against the contract's schema, handled by the
// services, and answered as a value — `{ok, value}` or `{ok: false, error: {code, message, facts}}`.

import { CHANNELS, type Channel, type IpcResult, requests } from '../../shared/ipc/contract.ts';
import type { ErrorDto } from '../../shared/ipc/dto.ts';
import { isDomainError } from '../../shared/errors.ts';
import type { AppServices } from '../app-services.ts';
import { englishMessage } from '../services/error-message.ts';
import { type Handlers, createHandlers } from './handlers/index.ts';

export interface Router {
  readonly channels: readonly Channel[];
  invoke(channel: string, payload: unknown): Promise<IpcResult<unknown>>;
}

const known = new Set<string>(CHANNELS);

function failure(code: string, facts: ErrorDto['facts'] = {}): { ok: false; error: ErrorDto } {
  return { ok: false, error: { code, message: englishMessage(code, facts), facts } };
}

export function createRouter(
  services: AppServices,
  options: { onInternalError?: (error: unknown) => void } = {},
): Router {
  const handlers: Handlers = createHandlers(services);
  return {
    channels: CHANNELS,
    async invoke(channel, payload) {
      if (!known.has(channel))
        return failure('IPC_UNKNOWN_CHANNEL', { channel: String(channel).slice(0, 80) });
      const name = channel as Channel;
      const parsed = requests[name].safeParse(payload ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return failure('IPC_INVALID_REQUEST', {
          channel: name,
          field: issue?.path.join('.') || '(request)',
          issue: issue?.code ?? 'invalid',
        });
      }
      try {
        const handler = handlers[name] as (request: unknown) => unknown;
        return { ok: true, value: await handler(parsed.data) };
      } catch (error) {
        if (isDomainError(error)) return failure(error.code, error.facts);
        options.onInternalError?.(error);
        return failure('INTERNAL_ERROR', { channel: name });
      }
    },
  };
}
