// The one door into main: every request is checked against the contract's schema, handled by the
// services, and answered as a value — `{ok, value}` or `{ok: false, error: {code, message, facts}}`.

import {
  CHANNELS,
  type Channel,
  type IpcResult,
  UNSHOWABLE,
  requests,
} from '../../shared/ipc/contract.ts';
import type { ErrorDto } from '../../shared/ipc/dto.ts';
import { isDomainError } from '../../shared/errors.ts';
import type { AppServices } from '../app-services.ts';
import { storeFailure } from '../services/db/sqlite-errors.ts';
import { englishMessage } from '../services/error-message.ts';
import { newErrorReference } from '../services/internal-error.ts';
import { type Handlers, createHandlers } from './handlers/index.ts';

export interface Router {
  readonly channels: readonly Channel[];
  invoke(channel: string, payload: unknown): Promise<IpcResult<unknown>>;
}

const known = new Set<string>(CHANNELS);

function failure(code: string, facts: ErrorDto['facts'] = {}): { ok: false; error: ErrorDto } {
  return { ok: false, error: { code, message: englishMessage(code, facts), facts } };
}

interface Issue {
  code: string;
  path: PropertyKey[];
  errors?: Issue[][];
  /** too_big / too_small: what was measured (a string's length, an array's items, a number). */
  origin?: string;
  maximum?: number | bigint;
  minimum?: number | bigint;
  message?: string;
}

/** The words for a refused value: what was wrong with it, and the bound it missed. */
function issueFacts(issue: Issue): { reason: string; limit?: number } {
  const bound = issue.code === 'too_big' ? issue.maximum : issue.minimum;
  if ((issue.code === 'too_big' || issue.code === 'too_small') && bound !== undefined)
    return { reason: `${issue.code}-${issue.origin ?? 'value'}`, limit: Number(bound) };
  // A refinement names its rule (contract.ts: `refine(check, 'rule')`).
  if (issue.code === 'custom' && issue.message === UNSHOWABLE) return { reason: 'unshowable' };
  return { reason: issue.code };
}

/**
 * The issue to report. A union (`transfer.import` takes a path or a name and text) fails as a
 * whole at the top; the branch that came closest (fewest issues) names the field that is wrong.
 */
function firstIssue(
  issues: readonly Issue[],
): { path: string[]; issue: string; found: Issue } | undefined {
  const issue = issues[0];
  if (!issue) return undefined;
  const path = issue.path.map(String);
  const closest = [...(issue.errors ?? [])].sort((a, b) => a.length - b.length)[0];
  const inner = issue.code === 'invalid_union' && closest ? firstIssue(closest) : undefined;
  return inner
    ? { ...inner, path: [...path, ...inner.path] }
    : { path, issue: issue.code, found: issue };
}

export interface RouterOptions {
  /**
   * Told of every exception that is not a DomainError, with the reference the caller was given
   * (INTERNAL_ERROR {channel, reference}): log both, with the stack, so an operator can quote it.
   */
  onInternalError?: (error: unknown, reference: string, channel: Channel) => void;
  /** Makes that reference; defaults to newErrorReference (8 random characters, `7KQ2-M9XA`). */
  newReference?: () => string;
}

export function createRouter(services: AppServices, options: RouterOptions = {}): Router {
  const newReference = options.newReference ?? newErrorReference;
  const handlers: Handlers = createHandlers(services);
  return {
    channels: CHANNELS,
    async invoke(channel, payload) {
      if (!known.has(channel))
        return failure('IPC_UNKNOWN_CHANNEL', { channel: String(channel).slice(0, 80) });
      const name = channel as Channel;
      const parsed = requests[name].safeParse(payload ?? {});
      if (!parsed.success) {
        const first = firstIssue(parsed.error.issues as Issue[]);
        return failure('IPC_INVALID_REQUEST', {
          channel: name,
          field: first?.path.join('.') || '(request)',
          issue: first?.issue ?? 'invalid',
          ...(first ? issueFacts(first.found) : {}),
        });
      }
      try {
        const handler = handlers[name] as (request: unknown) => unknown;
        return { ok: true, value: await handler(parsed.data) };
      } catch (thrown) {
        // An SQLite failure outside a transaction (a read of a damaged page) is still the store's.
        const error = storeFailure(thrown, '(workspace database)');
        if (isDomainError(error)) return failure(error.code, error.facts);
        const reference = newReference();
        options.onInternalError?.(error, reference, name);
        return failure('INTERNAL_ERROR', { channel: name, reference });
      }
    },
  };
}
