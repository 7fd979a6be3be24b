// The site's guided flows and which ones make sense for a device in its current state.
import type { DeviceRowDto } from '../../shared/ipc/dto.ts';

export type FlowId = 'reserve' | 'install' | 'update' | 'return' | 'cancel' | 'returnUnused';

export const FLOWS: readonly FlowId[] = [
  'reserve',
  'install',
  'update',
  'return',
  'cancel',
  'returnUnused',
];

/**
 * Offered flows from the device's own registration status (main's words, not recomputed rules):
 * reserved devices update or return; a pending request installs or cancels; others start one.
 */
export function offeredFlows(
  device: Pick<DeviceRowDto, 'registrationStatus' | 'pendingRequestCode' | 'reservationType'>,
): FlowId[] {
  const status = device.registrationStatus.toLowerCase();
  const reserved = status.startsWith('registered') || device.reservationType !== null;
  if (reserved) return ['update', 'return', 'returnUnused'];
  if (device.pendingRequestCode) return ['install', 'cancel', 'returnUnused'];
  return ['reserve', 'returnUnused'];
}

export function isFlow(value: string): value is FlowId {
  return (FLOWS as readonly string[]).includes(value);
}

const NEXT_FLOW: Record<string, FlowId> = {
  enable: 'reserve',
  request: 'reserve',
  'request-code': 'reserve',
  authorization: 'install',
  'authorization-code': 'install',
  install: 'install',
  'confirmation-code': 'install',
};

/** The one flow that moves the device on from what it waits for, if any. */
export function nextFlow(waitingFor: string): FlowId | null {
  return NEXT_FLOW[waitingFor] ?? null;
}
