// Commands on emulated devices — a wizard step, a console line, usage, and the same commands on
// many devices at once — each as one transaction: the device's new state, the codes it printed
// (queued to go out), and the log entries commit together.

import {
  type ConsoleCommand,
  type ConsoleResult,
  type ProductAgent,
  type SessionAdmission,
  executeCommand,
  parseCommand,
  runCommand,
} from '../../../../shared/agent/index.ts';
import type { CodeKind } from '../../../../shared/codes/classify.ts';
import { udiKey } from '../../../../shared/codes/udi.ts';
import { DomainError, isDomainError } from '../../../../shared/errors.ts';
import type { BatchItemDto, DeviceDetailDto } from '../../../../shared/ipc/dto.ts';
import type { Verifier } from '../../../../shared/ports.ts';
import { errorDto } from '../../error-message.ts';
import type { AuditRecord } from '../workspace-base.ts';
import { type EmulatedDevice, type SiteDevice, udiOf } from './device-rows.ts';
import type { SiteWorkspace } from './site-workspace.ts';

export type DeviceAction =
  | 'enable'
  | 'disable'
  | 'request'
  | 'cancel'
  | 'install'
  | 'return'
  | 'returnAuthorization'
  | 'restart';

const COMMANDS: Record<DeviceAction, (code?: string) => ConsoleCommand> = {
  enable: () => ({ kind: 'enable' }),
  disable: () => ({ kind: 'disable' }),
  request: () => ({ kind: 'request' }),
  cancel: () => ({ kind: 'cancel' }),
  install: (code) => ({ kind: 'install', code: code ?? '' }),
  return: () => ({ kind: 'return' }),
  returnAuthorization: (code) => ({ kind: 'return-authorization', code: code ?? '' }),
  restart: () => ({ kind: 'restart' }),
};

/** The codes a command prints that go to the other side. */
const CODE_OUT: Array<[keyof ConsoleResult, CodeKind]> = [
  ['requestCode', 'request'],
  ['confirmationCode', 'confirmation'],
  ['returnCode', 'return'],
];

/**
 * An authorization code a device took: its inbox row is used; when it was installed, the
 * device's other authorization codes still waiting in the inbox are superseded and its request
 * code no longer needs carrying — each marked done, so no list offers them again.
 */
export function codeUsed(
  ws: SiteWorkspace,
  device: SiteDevice,
  code: string,
  installed = false,
): void {
  ws.items.used(code, device.id, device.name);
  if (!installed) return;
  ws.items.settle('in', 'authorization', device.id, 'imported', code);
  ws.items.settle('out', 'request', device.id, 'waiting');
}

/** A code a command took from the operator, and whether it was installed. */
interface Consumed {
  code: { kind: CodeKind; text: string };
  installed: boolean;
}

/** A command's result with the outbox items its printed codes went to and the device now. */
export interface CommandOutcome {
  result: ConsoleResult;
  outboxItemIds: string[];
  device: DeviceDetailDto;
}

/**
 * After a command ran on a device's agent: the device is written back, each code it printed is
 * queued to go out, and what happened is returned for the log. Inside the transaction.
 */
export function settleCommand(
  ws: SiteWorkspace,
  device: EmulatedDevice,
  agent: ProductAgent,
  result: ConsoleResult,
  options: {
    consumed?: { kind: CodeKind; text: string };
    /** The consumed code was installed (not returned unused). */
    installed?: boolean;
    verifier?: Verifier | undefined;
  } = {},
): { records: AuditRecord[]; outboxItemIds: string[] } {
  ws.store(device, options.verifier);
  if (options.consumed && result.ok) codeUsed(ws, device, options.consumed.text, options.installed);
  const records: AuditRecord[] = agent.drainEvents().map((e) => ({
    action: e.type,
    subject: device.id,
    details: { ...e.facts, at: e.at },
  }));
  if (options.consumed && result.ok)
    records.push({
      action: 'code-received',
      direction: 'in',
      subject: device.id,
      code: options.consumed,
    });
  const outboxItemIds: string[] = [];
  for (const [field, kind] of CODE_OUT) {
    const text = result[field];
    if (typeof text !== 'string') continue;
    outboxItemIds.push(ws.queueOut(device, kind, text).id);
    records.push({
      action: `${kind}-code-printed`,
      direction: 'out',
      subject: device.id,
      code: { kind, text },
    });
  }
  return { records, outboxItemIds };
}

function runOn(
  ws: SiteWorkspace,
  id: string,
  command: (agent: ProductAgent, device: EmulatedDevice) => ConsoleResult,
  takes?: (device: EmulatedDevice) => Consumed | undefined,
): CommandOutcome {
  return ws.change((log) => {
    const device = ws.emulated(id);
    const verifier = ws.verifier;
    const agent = ws.agent(device, verifier);
    const result = command(agent, device);
    const consumed = takes?.(device);
    const settled = settleCommand(ws, device, agent, result, {
      ...(consumed ? { consumed: consumed.code, installed: consumed.installed } : {}),
      verifier,
    });
    log(settled.records);
    return {
      result,
      outboxItemIds: settled.outboxItemIds,
      device: ws.detailOf(device, verifier),
    };
  });
}

/** A wizard step: runs the command, throwing the device's refusal with its code and facts. */
export function deviceAction(
  ws: SiteWorkspace,
  id: string,
  action: DeviceAction,
  code?: string,
): CommandOutcome {
  if ((action === 'install' || action === 'returnAuthorization') && !code?.trim())
    throw new DomainError('CODE_EMPTY');
  return runOn(
    ws,
    id,
    (agent, device) => runCommand(agent, COMMANDS[action](code), device.agent.product),
    () =>
      code
        ? { code: { kind: 'authorization', text: code }, installed: action === 'install' }
        : undefined,
  );
}

/** The console: prints what the device prints, refusals included, and never throws for them. */
export function deviceExec(ws: SiteWorkspace, id: string, line: string): CommandOutcome {
  return runOn(
    ws,
    id,
    (agent) => executeCommand(agent, line),
    (device) => {
      // A code typed or pasted into the console crossed the gap as much as one from a wizard.
      const command = parseCommand(line, device.agent.product);
      if (command.kind !== 'install' && command.kind !== 'return-authorization') return undefined;
      return {
        code: { kind: 'authorization', text: command.code },
        installed: command.kind === 'install',
      };
    },
  );
}

/** A change the agent makes to its own state, logged with the events it raised. */
function agentChange<T>(
  ws: SiteWorkspace,
  id: string,
  change: (agent: ProductAgent) => T,
): { result: T; device: DeviceDetailDto } {
  return ws.change((log) => {
    const device = ws.emulated(id);
    const agent = ws.agent(device);
    const result = change(agent);
    ws.store(device);
    log(
      agent
        .drainEvents()
        .map((e) => ({ action: e.type, subject: device.id, details: { ...e.facts } })),
    );
    return { result, device: ws.detailOf(device) };
  });
}

export function setUsage(
  ws: SiteWorkspace,
  id: string,
  tag: string,
  count: number,
): DeviceDetailDto {
  return agentChange(ws, id, (agent) => agent.setUsage(tag, count)).device;
}

/** Expressway: the active encrypted sessions brought to `active` (WebRTC set first if given). */
export function setSessions(
  ws: SiteWorkspace,
  id: string,
  active: number,
  webRtc?: boolean,
): { admission: SessionAdmission; device: DeviceDetailDto } {
  const { result, device } = agentChange(ws, id, (agent) =>
    agent.setEncryptedSessions(active, webRtc),
  );
  return { admission: result, device };
}

/** The emulated product was upgraded to another release. */
export function upgradeDevice(ws: SiteWorkspace, id: string, version: string): DeviceDetailDto {
  return agentChange(ws, id, (agent) => agent.upgrade(version)).device;
}

/**
 * Runs each device's commands as its console would, all in one transaction; one result per
 * device. A device that refuses is left as it was and the others go on.
 */
function commandBatch(
  ws: SiteWorkspace,
  pick: () => SiteDevice[],
  commands: (device: EmulatedDevice) => ConsoleCommand[],
): BatchItemDto[] {
  return ws.change((log) => {
    const verifier = ws.verifier;
    return pick().map((device, index): BatchItemDto => {
      const udi = udiKey(udiOf(device));
      try {
        if (device.kind !== 'emulated')
          throw new DomainError('DEVICE_IS_EXTERNAL', { device: device.id });
        const agent = ws.agent(device, verifier);
        // A device whose later command is refused keeps nothing of its earlier ones.
        const { code, outboxItemId, records } = ws.db.savepoint(() => {
          let code: string | undefined;
          let outboxItemId: string | undefined;
          const records: AuditRecord[] = [];
          for (const command of commands(device)) {
            const result = runCommand(agent, command, device.agent.product);
            const settled = settleCommand(ws, device, agent, result, { verifier });
            records.push(...settled.records);
            code = result.requestCode ?? result.returnCode ?? code;
            outboxItemId = settled.outboxItemIds[0] ?? outboxItemId;
          }
          return { code, outboxItemId, records };
        });
        log(records);
        return {
          index,
          ok: true,
          instanceId: device.id,
          udi,
          name: device.name,
          ...(code ? { code } : {}),
          ...(outboxItemId ? { outboxItemId } : {}),
        };
      } catch (error) {
        if (!isDomainError(error)) throw error;
        return {
          index,
          ok: false,
          instanceId: device.id,
          udi,
          name: device.name,
          error: errorDto(error.code, error.facts),
        };
      }
    });
  });
}

/** The emulated devices a return batch takes by default: those holding a reservation. */
export function returnable(ws: SiteWorkspace): string[] {
  return ws.devices.ids({ kind: 'emulated', stage: 'reserved' });
}

/** The emulated devices a request batch takes by default: neither reserved nor waiting. */
export function requestable(ws: SiteWorkspace): string[] {
  return ws.devices.ids({ kind: 'emulated', stage: ['disabled', 'enabled'] });
}

/**
 * Many emulated devices return their reservations in one transaction; each return code is
 * queued to go out (`returnable` names every emulated device that holds a reservation).
 */
export function returnBatch(ws: SiteWorkspace, deviceIds: readonly string[]): BatchItemDto[] {
  return commandBatch(
    ws,
    () => deviceIds.map((id) => ws.device(id)),
    () => [{ kind: 'return' }],
  );
}

/**
 * Many emulated devices enable license reservation (where it is off) and print a request code,
 * in one transaction; each code is queued to go out (`requestable` names every emulated device
 * with neither a reservation nor a request waiting). A device whose request is already pending
 * prints the same code again (the device's own rule), so asking twice queues nothing new.
 */
export function requestBatch(ws: SiteWorkspace, deviceIds: readonly string[]): BatchItemDto[] {
  return commandBatch(
    ws,
    () => deviceIds.map((id) => ws.device(id)),
    (device) => [
      ...(device.agent.reservation.mode === 'disabled' ? [{ kind: 'enable' as const }] : []),
      { kind: 'request' },
    ],
  );
}
