// Turns site devices into the rows and detail views the renderer shows (the domain decides, this
// only arranges).

import {
  type ExternalDevice,
  type ProductAgent,
  licensingView,
} from '../../../../shared/agent/index.ts';
import { DAY_MS, endOfDayMs } from '../../../../shared/codes/dates.ts';
import { udiKey } from '../../../../shared/codes/udi.ts';
import type {
  DeviceDetailDto,
  DeviceFlow,
  DeviceLicenseDto,
  DeviceRowDto,
} from '../../../../shared/ipc/dto.ts';
import type { DeviceSummary, EmulatedDevice, ExternalSiteDevice } from './device-rows.ts';

const EXTERNAL_REGISTRATION: Record<string, string> = {
  new: 'Unregistered',
  'request-recorded': 'Reservation In Progress',
  'authorization-received': 'Reservation In Progress',
  'return-recorded': 'Reservation In Progress',
};

/** The flows the device page offers, from what the device waits for. */
const EMULATED_FLOWS: Record<string, DeviceFlow[]> = {
  enable: ['reserve'],
  request: ['reserve', 'returnUnused'],
  authorization: ['install', 'cancel', 'returnUnused'],
  nothing: ['update', 'return', 'returnUnused'],
};

const EXTERNAL_FLOWS: Record<string, DeviceFlow[]> = {
  new: ['reserve'],
  'request-recorded': ['install', 'cancel', 'returnUnused'],
  'authorization-received': ['install', 'cancel', 'returnUnused'],
  installed: ['update', 'return'],
  'return-recorded': ['reserve'],
};

function daysToExpiry(licenses: DeviceLicenseDto[], now: number): number | null {
  let soonest: number | null = null;
  for (const l of licenses) {
    if (!l.endDate || l.reserved === 0) continue;
    const days = Math.ceil((endOfDayMs(l.endDate) - now) / DAY_MS);
    if (soonest === null || days < soonest) soonest = days;
  }
  return soonest;
}

export function emulatedDetail(
  device: EmulatedDevice,
  agent: ProductAgent,
  now: number,
): DeviceDetailDto {
  const status = agent.status();
  const licenses: DeviceLicenseDto[] = status.licenses.map((l) => ({
    tag: l.tag,
    displayName: l.displayName,
    reserved: l.reserved,
    inUse: l.inUse,
    status: l.status,
    endDate: l.endDate ?? null,
  }));
  return {
    id: device.id,
    name: device.name,
    kind: 'emulated',
    product: device.product,
    udi: status.udi,
    udiFields: device.agent.udi,
    registrationStatus: status.registrationStatus,
    authorizationStatus: status.authorizationStatus,
    reservationType: status.reservationType,
    waitingFor: status.waitingFor,
    nextActions: EMULATED_FLOWS[status.waitingFor] ?? [],
    exportControlled: status.exportControlled,
    daysToTermExpiry: daysToExpiry(licenses, now),
    pendingRequestCode: status.pendingRequestCode,
    lastConfirmationCode: status.lastConfirmationCode,
    lastReturnCode: status.lastReturnCode,
    licenses,
    licensing: licensingView(status),
    alarms: status.alarms.map((a) => ({ severity: a.severity, code: a.code, facts: a.facts })),
    evaluation: { mode: status.evaluation.mode, remainingDays: status.evaluation.remainingDays },
    history: [],
    commands: [],
  };
}

export function externalDetail(
  device: ExternalSiteDevice,
  ledger: ExternalDevice,
): DeviceDetailDto {
  const state = device.ledger;
  const status = ledger.status();
  const progress = state.progress;
  const installedType = progress.stage === 'installed' ? progress.authorization.type : null;
  const registered =
    installedType === 'SLR'
      ? 'Registered - Specific License Reservation'
      : installedType === 'PLR'
        ? 'Registered - Universal License Reservation'
        : (EXTERNAL_REGISTRATION[progress.stage] ?? 'Unregistered');
  return {
    id: device.id,
    name: device.name,
    kind: 'external',
    product: device.product,
    udi: udiKey(state.udi),
    udiFields: state.udi,
    registrationStatus: device.product === 'ios-xe' ? registered.toUpperCase() : registered,
    authorizationStatus: '',
    reservationType: installedType,
    waitingFor: status.waitingFor,
    nextActions: EXTERNAL_FLOWS[progress.stage] ?? [],
    exportControlled: '',
    daysToTermExpiry: null,
    pendingRequestCode: progress.stage === 'request-recorded' ? progress.request.code : null,
    lastConfirmationCode: state.lastConfirmationCode,
    lastReturnCode: state.lastReturnCode,
    licenses: [],
    licensing: null,
    alarms: [],
    evaluation: { mode: '', remainingDays: null },
    history: state.history.map((h) => ({
      time: h.at,
      kind: h.action,
      code: h.code ?? '',
      ...(h.notes.length ? { note: h.notes.join(', ') } : {}),
    })),
    commands: status.commands.map((command) => ({ action: status.waitingFor, command })),
  };
}

export function rowOf(detail: DeviceDetailDto): DeviceRowDto {
  const {
    licenses: _l,
    licensing: _g,
    alarms: _a,
    evaluation: _e,
    history: _h,
    commands: _c,
    ...row
  } = detail;
  return row;
}

/** The columns a device's row carries for lists, from its detail as of this change. */
export function summaryOf(detail: DeviceDetailDto, stage: string): DeviceSummary {
  return { waitingFor: detail.waitingFor, stage, registration: detail.registrationStatus };
}

/** Where an emulated device's reservation stands, one word: what batches and filters select on. */
export function emulatedStage(device: EmulatedDevice): string {
  const r = device.agent.reservation;
  return r.mode === 'enabled' && r.pending ? 'pending' : r.mode;
}
