// codes.*: Inspect any pasted code, verified against the workspace's trusted key when there is one.

import { inspectCode } from '../../../shared/codes/inspect.ts';
import type { AppServices } from '../../app-services.ts';
import type { HandlersOf } from './index.ts';

export function codesHandlers(services: AppServices): HandlersOf<'codes'> {
  return {
    'codes.inspect': ({ text, workspaceId }) => {
      const verifier = workspaceId ? services.workspaces.get(workspaceId).verifier : undefined;
      return inspectCode(text, {
        hasher: services.ports.hasher,
        ...(verifier ? { verifier } : {}),
      });
    },
  };
}
