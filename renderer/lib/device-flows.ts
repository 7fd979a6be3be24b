// The site's guided flows, and which of them main offers for a device in its current state.
import type { DeviceFlow, DeviceRowDto } from '../../shared/ipc/dto.ts';

export type FlowId = DeviceFlow;

/** Every flow, in the order the device page lists them. */
export const FLOWS: readonly FlowId[] = [
  'reserve',
  'install',
  'update',
  'return',
  'cancel',
  'returnUnused',
];

export function isFlow(value: string): value is FlowId {
  return (FLOWS as readonly string[]).includes(value);
}

/** The guided upgrades seed 000 describes, by the kind main offers for a device. */
export const UPGRADE_FLOWS = {
  'version-independent': 'upgrade14',
  plr: 'upgradePlr',
} as const;

export type UpgradeFlowId = (typeof UPGRADE_FLOWS)[keyof typeof UPGRADE_FLOWS];

export function isUpgradeFlow(value: string): value is UpgradeFlowId {
  return value === 'upgrade14' || value === 'upgradePlr';
}

/** The flows main offers now, in the page's order (main decides; nothing is guessed here). */
export function offeredFlows(device: Pick<DeviceRowDto, 'nextActions'>): FlowId[] {
  return FLOWS.filter((flow) => device.nextActions.includes(flow));
}

/** The flow that moves the device on — the first one main lists — unless it waits for nothing. */
export function primaryFlow(
  device: Pick<DeviceRowDto, 'nextActions' | 'waitingFor'>,
): FlowId | null {
  if (device.waitingFor === 'nothing') return null;
  return device.nextActions[0] ?? null;
}
