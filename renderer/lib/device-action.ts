// Runs one reservation action on an emulated device through main.
import type { ErrorDto, DeviceActionResultDto } from '../../shared/ipc/dto.ts';
import { call } from './api.ts';

export type Action =
  'enable' | 'disable' | 'request' | 'cancel' | 'install' | 'return' | 'returnAuthorization';

type Outcome = { ok: true; value: DeviceActionResultDto } | { ok: false; error: ErrorDto };

/**
 * A refused command comes back as `ok: false` with main's error (code and facts, translated on
 * screen); a refusal main could not name is the device's own output as DEVICE_REFUSED.
 */
export async function runAction(
  workspaceId: string,
  deviceId: string,
  action: Action,
  code?: string,
): Promise<Outcome> {
  const result = await call('site.action', {
    workspaceId,
    deviceId,
    action,
    ...(code ? { code } : {}),
  });
  if (!result.ok) return result;
  if (!result.value.ok) {
    return {
      ok: false,
      error: result.value.error ?? {
        code: 'DEVICE_REFUSED',
        message: result.value.output,
        facts: { output: result.value.output },
      },
    };
  }
  return result;
}
