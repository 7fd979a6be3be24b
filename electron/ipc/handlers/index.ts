// Every channel's handler, gathered from one file per area.

import type { Channel, ParsedRequest, Response } from '../../../shared/ipc/contract.ts';
import type { AppServices } from '../../app-services.ts';
import { appHandlers } from './app.ts';
import { authorityHandlers } from './authority.ts';
import { batchHandlers } from './batch.ts';
import { codesHandlers } from './codes.ts';
import { dialogHandlers } from './dialog.ts';
import { siteHandlers } from './site.ts';
import { transferHandlers } from './transfer.ts';
import { workspaceHandlers } from './workspace.ts';

export type Handler<C extends Channel> = (
  request: ParsedRequest<C>,
) => Response<C> | Promise<Response<C>>;
export type Handlers = { [C in Channel]: Handler<C> };
/** The handlers of the channels whose names start with `prefix`. */
export type HandlersOf<Prefix extends string> = {
  [C in Channel as C extends `${Prefix}.${string}` ? C : never]: Handler<C>;
};

export function createHandlers(services: AppServices): Handlers {
  return {
    ...appHandlers(services),
    ...workspaceHandlers(services),
    ...authorityHandlers(services),
    ...batchHandlers(services),
    ...siteHandlers(services),
    ...transferHandlers(services),
    ...codesHandlers(services),
    ...dialogHandlers(services),
  };
}
