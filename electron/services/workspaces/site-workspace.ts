// An open site workspace: its devices (emulated agents and external ledgers), the trusted
// authority key, and the codes that go out or came in.

import {
  type ConsoleResult,
  type ConsoleCommand,
  ExternalDevice,
  ProductAgent,
  type SessionAdmission,
  createDeviceState,
  createExternalDeviceState,
  executeCommand,
  runCommand,
  validateSoftwareVersion,
} from '../../../shared/agent/index.ts';
import type { CodeKind } from '../../../shared/codes/classify.ts';
import { type Udi, udiKey, validateUdi } from '../../../shared/codes/udi.ts';
import {
  authorizationBindsUdi,
  decodeAuthorizationCode,
} from '../../../shared/codes/authorization.ts';
import { DomainError, type ErrorFacts, ensure, isDomainError } from '../../../shared/errors.ts';
import type { TransferEntry } from '../../../shared/transfer/transfer-file.ts';
import { errorDto } from '../error-message.ts';
import type { TransferItem } from './transfer-item.ts';
import type {
  BatchItemDto,
  DeviceDetailDto,
  DeviceListResultDto,
  DeviceListRowDto,
  Product,
} from '../../../shared/ipc/dto.ts';
import { type DeviceFields, readDeviceList } from '../device-list.ts';
import type { Verifier } from '../../../shared/ports.ts';
import { createVerifier } from '../crypto-node.ts';
import { parseTrustFile } from '../trust-file.ts';
import { type AuditRecord, WorkspaceBase, type WorkspaceParts } from './workspace-base.ts';
import type { SiteDevice, SiteDocument } from './workspace-document.ts';
import { emulatedDetail, externalDetail } from './site-view.ts';

export type DeviceAction =
  | 'enable'
  | 'disable'
  | 'request'
  | 'cancel'
  | 'install'
  | 'return'
  | 'returnAuthorization'
  | 'restart';

export interface NewDevice {
  external: boolean;
  product: Product;
  name?: string;
  udi: Udi;
  softwareVersion?: string;
}

/** A device as the add-device form or a row of a device list gives it (empty fields left out). */
export function deviceInput(fields: DeviceFields): NewDevice {
  const { external, product, name, pid, sn, vid, hostId, uuid, softwareVersion } = fields;
  return {
    external,
    product,
    ...(name ? { name } : {}),
    ...(softwareVersion ? { softwareVersion } : {}),
    udi: {
      pid,
      sn,
      ...(vid ? { vid } : {}),
      ...(hostId ? { hostId } : {}),
      ...(uuid ? { uuid } : {}),
    },
  };
}

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

/** Which printed codes go to the other side, and which codes came in with the command. */
const CODE_OUT: Array<[keyof ConsoleResult, CodeKind]> = [
  ['requestCode', 'request'],
  ['confirmationCode', 'confirmation'],
  ['returnCode', 'return'],
];

export class SiteWorkspace extends WorkspaceBase<SiteDocument> {
  private readonly runtimes = new Map<string, ProductAgent | ExternalDevice>();
  private readonly byUdi = new Map<string, string>();
  private cachedVerifier: Verifier | undefined;

  constructor(parts: WorkspaceParts<SiteDocument>) {
    super(parts);
    for (const device of Object.values(this.doc.devices))
      this.byUdi.set(udiKey(udiOf(device)), device.id);
  }

  get verifier(): Verifier | undefined {
    if (!this.cachedVerifier && this.doc.trust)
      this.cachedVerifier = createVerifier(this.doc.trust.publicKeyPem);
    return this.cachedVerifier;
  }

  importTrust(text: string): void {
    const trust = parseTrustFile(text);
    this.commit(
      () => {
        this.doc.trust = trust;
        this.cachedVerifier = undefined;
        this.runtimes.clear();
      },
      () => [
        {
          action: 'trust-imported',
          details: { authority: trust.authorityName, fingerprint: trust.fingerprint },
        },
      ],
    );
  }

  devices(): SiteDevice[] {
    return Object.values(this.doc.devices);
  }

  device(id: string): SiteDevice {
    const device = this.doc.devices[id];
    if (!device) throw new DomainError('DEVICE_NOT_FOUND', { device: id });
    return device;
  }

  deviceByUdi(key: string): SiteDevice | undefined {
    const id = this.byUdi.get(key);
    return id ? this.doc.devices[id] : undefined;
  }

  addDevice(input: NewDevice): SiteDevice {
    const device = this.newDevice(input, this.doc.nextDevice, this.ports.clock.now());
    return this.commit(
      () => {
        this.place(device);
        return device;
      },
      () => [deviceAdded(device)],
    );
  }

  /**
   * A device list (CSV), checked row by row against the site and against the list's own earlier
   * rows; unless `dryRun`, every good row is added in one save. A bad file throws.
   */
  addDevices(csv: string, dryRun: boolean): DeviceListResultDto {
    const now = this.ports.clock.now();
    const listed = new Map<string, number>(); // UDI → line, for rows repeating an earlier one
    const ready: SiteDevice[] = [];
    const rows = readDeviceList(csv).map((row): DeviceListRowDto => {
      const dto: DeviceListRowDto = {
        line: row.line,
        name: row.name,
        product: row.product,
        external: row.external,
        udi: null,
        ok: false,
      };
      try {
        if (row.error) throw row.error;
        const input = deviceInput(row.device!);
        const key = udiKey(validateUdi(input.udi));
        dto.udi = key; // shown with the row, whatever else is wrong with it
        const device = this.newDevice(input, this.doc.nextDevice + ready.length, now);
        const earlier = listed.get(key);
        if (earlier) throw new DomainError('DEVICE_LIST_DUPLICATE', { line: earlier, udi: key });
        listed.set(key, row.line);
        ready.push(device);
        return { ...dto, ok: true, ...(dryRun ? {} : { deviceId: device.id }) };
      } catch (error) {
        if (!isDomainError(error)) throw error;
        return { ...dto, error: errorDto(error.code, error.facts) };
      }
    });
    if (!dryRun && ready.length > 0) {
      this.commit(
        () => ready.forEach((device) => this.place(device)),
        () => ready.map(deviceAdded),
      );
    }
    return { rows, added: dryRun ? 0 : ready.length };
  }

  /** A new device, checked (its UDI, unknown here; a product Airlock can emulate) but not placed. */
  private newDevice(input: NewDevice, serial: number, now: number): SiteDevice {
    const udi = validateUdi(input.udi);
    const key = udiKey(udi);
    const existing = this.byUdi.get(key);
    if (existing) throw new DomainError('DEVICE_UDI_EXISTS', { device: existing, udi: key });
    ensure(input.external || input.product !== 'ios-xe', 'DEVICE_PRODUCT_NOT_EMULATED', {
      product: input.product,
    });
    const common = {
      id: `dev-${serial}`,
      name: input.name?.trim() || `${udi.pid} ${udi.sn}`,
      product: input.product,
      createdAt: now,
    };
    return input.external
      ? {
          ...common,
          kind: 'external',
          ledger: createExternalDeviceState({
            udi,
            platform: input.product === 'ucm' ? 'cucm' : input.product,
            now,
          }),
        }
      : {
          ...common,
          kind: 'emulated',
          agent: createDeviceState({
            udi,
            product: input.product as 'ucm' | 'expressway',
            now,
            ...(input.softwareVersion
              ? {
                  softwareVersion: validateSoftwareVersion(
                    input.product as 'ucm' | 'expressway',
                    input.softwareVersion,
                  ),
                }
              : {}),
          }),
        };
  }

  /** Puts a new device in the document (inside a commit); its id is the next serial. */
  private place(device: SiteDevice): void {
    this.doc.nextDevice++;
    this.doc.devices[device.id] = device;
    this.byUdi.set(udiKey(udiOf(device)), device.id);
  }

  agent(device: SiteDevice & { kind: 'emulated' }): ProductAgent {
    let agent = this.runtimes.get(device.id);
    if (!(agent instanceof ProductAgent)) {
      agent = new ProductAgent(device.agent, {
        ...this.ports,
        ...(this.verifier ? { verifier: this.verifier } : {}),
      });
      this.runtimes.set(device.id, agent);
    }
    return agent;
  }

  ledger(device: SiteDevice & { kind: 'external' }): ExternalDevice {
    let ledger = this.runtimes.get(device.id);
    if (!(ledger instanceof ExternalDevice)) {
      ledger = new ExternalDevice(device.ledger, {
        ...this.ports,
        ...(this.verifier ? { verifier: this.verifier } : {}),
      });
      this.runtimes.set(device.id, ledger);
    }
    return ledger;
  }

  detail(id: string): DeviceDetailDto {
    const device = this.device(id);
    return device.kind === 'emulated'
      ? emulatedDetail(device, this.agent(device), this.ports.clock.now())
      : externalDetail(device, this.ledger(device));
  }

  private emulated(id: string): SiteDevice & { kind: 'emulated' } {
    const device = this.device(id);
    if (device.kind !== 'emulated') throw new DomainError('DEVICE_IS_EXTERNAL', { device: id });
    return device;
  }

  /** A wizard step: runs the command, throwing the device's refusal with its code and facts. */
  action(id: string, action: DeviceAction, code?: string): ConsoleResult {
    const device = this.emulated(id);
    if ((action === 'install' || action === 'returnAuthorization') && !code?.trim())
      throw new DomainError('CODE_EMPTY');
    const agent = this.agent(device);
    return this.commit(
      () => runCommand(agent, COMMANDS[action](code), device.product as 'ucm' | 'expressway'),
      (result) =>
        this.afterCommand(
          device,
          agent,
          result,
          code ? { kind: 'authorization', text: code } : undefined,
        ),
    );
  }

  /** The console: prints what the device prints, refusals included, and never throws for them. */
  exec(id: string, line: string): ConsoleResult {
    const device = this.emulated(id);
    const agent = this.agent(device);
    return this.commit(
      () => executeCommand(agent, line),
      (result) => this.afterCommand(device, agent, result),
    );
  }

  private afterCommand(
    device: SiteDevice,
    agent: ProductAgent,
    result: ConsoleResult,
    consumed?: { kind: CodeKind; text: string },
  ): AuditRecord[] {
    const records: AuditRecord[] = agent.drainEvents().map((e) => ({
      action: e.type,
      subject: device.id,
      details: { ...e.facts, at: e.at },
    }));
    if (consumed && result.ok)
      records.push({
        action: 'code-received',
        direction: 'in',
        subject: device.id,
        code: consumed,
      });
    for (const [field, kind] of CODE_OUT) {
      const text = result[field];
      if (typeof text !== 'string') continue;
      records.push({
        action: `${kind}-code-printed`,
        direction: 'out',
        subject: device.id,
        code: { kind, text },
      });
      this.queueOut(device, kind, text);
    }
    return records;
  }

  private queueOut(device: SiteDevice, kind: CodeKind, text: string): void {
    if (this.items.findOut(text)) return; // a re-printed pending request is one code, not two
    this.items.outgoing({
      kind,
      code: text,
      udi: udiKey(udiOf(device)),
      subject: device.id,
      label: device.name,
    });
  }

  /** Files from the authority: authorization codes, each matched to its device by UDI. */
  importEntries(entries: readonly TransferEntry[], file: string): TransferItem[] {
    // Only codes new to this workspace are logged: importing the same file again adds nothing.
    const fresh = new Set<TransferItem>();
    return this.commit(
      () =>
        entries.map((entry) => {
          const existing = this.items.findIn(entry.code);
          if (existing) return existing;
          // The file's subject is the authority's instance id: here a subject is one of our devices.
          const item = this.items.incoming({ ...entry, subject: null }, file);
          fresh.add(item);
          const fail = (code: string, facts: ErrorFacts = {}) =>
            this.items.markFailed(item, errorDto(code, facts));
          if (entry.kind !== 'authorization')
            fail('IMPORT_WRONG_SIDE', { kind: entry.kind, side: 'site' });
          else {
            const key = authorizationUdiKey(entry);
            const device = key
              ? this.deviceByUdi(key)
              : this.devices().find((d) => this.answersDevice(d, entry.code));
            if (!device) fail('IMPORT_NO_DEVICE', { udi: key ?? '' });
            else {
              item.subject = device.id;
              item.label = device.name;
              item.udi = udiKey(udiOf(device));
            }
          }
          return item;
        }),
      (items) =>
        items
          .filter((i) => fresh.has(i))
          .map((i) => ({
            action: 'code-imported',
            direction: 'in',
            subject: i.subject ?? undefined,
            code: { kind: i.kind, text: i.code },
            details: { file, status: i.status },
          })),
    );
  }

  private answersDevice(device: SiteDevice, code: string): boolean {
    try {
      return authorizationBindsUdi(decodeAuthorizationCode(code), udiOf(device), this.ports.hasher);
    } catch {
      return false;
    }
  }

  /** Installs (or, for external devices, records) every imported authorization in one save. */
  installBatch(itemIds?: readonly string[]): BatchItemDto[] {
    const items = itemIds
      ? itemIds.map((id) => {
          const item = this.items.get(id);
          if (!item || item.direction !== 'in')
            throw new DomainError('TRANSFER_ITEM_NOT_FOUND', { item: id });
          return item;
        })
      : this.items.list('in').filter((i) => i.kind === 'authorization' && i.status === 'imported');
    const records: AuditRecord[] = [];
    return this.commit(
      () => items.map((item, index) => this.installItem(item, index, records)),
      () => records,
    );
  }

  /**
   * Many emulated devices return their reservations in one save; each return code is queued to
   * go out. By default every emulated device that holds a reservation.
   */
  returnBatch(deviceIds?: readonly string[]): BatchItemDto[] {
    const devices = deviceIds
      ? deviceIds.map((id) => this.device(id))
      : this.devices().filter(
          (d) => d.kind === 'emulated' && d.agent.reservation.mode === 'reserved',
        );
    return this.commandBatch(devices, () => [{ kind: 'return' }]);
  }

  /**
   * Many emulated devices enable license reservation (where it is off) and print a request code,
   * in one save; each code is queued to go out. By default every emulated device with neither a
   * reservation nor a request waiting. A device whose request is already pending prints the same
   * code again (the device's own rule), so asking twice queues nothing new.
   */
  requestBatch(deviceIds?: readonly string[]): BatchItemDto[] {
    const devices = deviceIds
      ? deviceIds.map((id) => this.device(id))
      : this.devices().filter(
          (d) =>
            d.kind === 'emulated' &&
            (d.agent.reservation.mode === 'disabled' ||
              (d.agent.reservation.mode === 'enabled' && !d.agent.reservation.pending)),
        );
    return this.commandBatch(devices, (device) => [
      ...(device.agent.reservation.mode === 'disabled' ? [{ kind: 'enable' as const }] : []),
      { kind: 'request' },
    ]);
  }

  /** Runs each device's commands as its console would, all in one commit; one result per device. */
  private commandBatch(
    devices: readonly SiteDevice[],
    commands: (device: SiteDevice & { kind: 'emulated' }) => ConsoleCommand[],
  ): BatchItemDto[] {
    const records: AuditRecord[] = [];
    return this.commit(
      () =>
        devices.map((device, index) => {
          const udi = udiKey(udiOf(device));
          try {
            if (device.kind !== 'emulated')
              throw new DomainError('DEVICE_IS_EXTERNAL', { device: device.id });
            const agent = this.agent(device);
            let code: string | undefined;
            for (const command of commands(device)) {
              const result = runCommand(agent, command, device.product as 'ucm' | 'expressway');
              records.push(...this.afterCommand(device, agent, result));
              code = result.requestCode ?? result.returnCode ?? code;
            }
            return { index, ok: true, instanceId: device.id, udi, ...(code ? { code } : {}) };
          } catch (error) {
            if (!isDomainError(error)) throw error;
            return {
              index,
              ok: false,
              instanceId: device.id,
              udi,
              error: errorDto(error.code, error.facts),
            };
          }
        }),
      () => records,
    );
  }

  private installItem(item: TransferItem, index: number, records: AuditRecord[]): BatchItemDto {
    try {
      const device = item.subject ? this.device(item.subject) : undefined;
      if (!device) throw new DomainError('IMPORT_NO_DEVICE', { udi: item.udi ?? '' });
      let confirmation: string | undefined;
      if (device.kind === 'emulated') {
        const agent = this.agent(device);
        const result = runCommand(
          agent,
          { kind: 'install', code: item.code },
          device.product as 'ucm' | 'expressway',
        );
        records.push(
          ...this.afterCommand(device, agent, result, { kind: 'authorization', text: item.code }),
        );
        confirmation = result.confirmationCode;
      } else {
        this.ledger(device).recordAuthorization(item.code);
        records.push({
          action: 'external-authorization-recorded',
          direction: 'in',
          subject: device.id,
          code: { kind: 'authorization', text: item.code },
        });
      }
      this.items.markApplied(item);
      return {
        index,
        ok: true,
        instanceId: device.id,
        udi: item.udi ?? undefined,
        ...(confirmation ? { code: confirmation } : {}),
      };
    } catch (error) {
      if (!isDomainError(error)) throw error;
      const dto = errorDto(error.code, error.facts);
      this.items.markFailed(item, dto);
      return { index, ok: false, udi: item.udi ?? undefined, error: dto };
    }
  }

  setUsage(id: string, tag: string, count: number): void {
    const device = this.emulated(id);
    const agent = this.agent(device);
    this.commit(
      () => agent.setUsage(tag, count),
      () =>
        agent
          .drainEvents()
          .map((e) => ({ action: e.type, subject: device.id, details: { ...e.facts } })),
    );
  }

  /** Expressway: the active encrypted sessions brought to `active` (WebRTC set first if given). */
  setSessions(id: string, active: number, webRtc?: boolean): SessionAdmission {
    const device = this.emulated(id);
    const agent = this.agent(device);
    return this.commit(
      () => agent.setEncryptedSessions(active, webRtc),
      () =>
        agent
          .drainEvents()
          .map((e) => ({ action: e.type, subject: device.id, details: { ...e.facts } })),
    );
  }

  /** The emulated product was upgraded to another release. */
  upgrade(id: string, version: string): void {
    const device = this.emulated(id);
    const agent = this.agent(device);
    this.commit(
      () => agent.upgrade(version),
      () =>
        agent
          .drainEvents()
          .map((e) => ({ action: e.type, subject: device.id, details: { ...e.facts } })),
    );
  }

  /** External devices: the operator cancelled the request, or saw a PLR code install. */
  recordExternalEvent(id: string, kind: 'cancel' | 'installed'): void {
    const ledger = this.ledger(this.external(id));
    this.commit(
      () => (kind === 'cancel' ? ledger.recordCancel() : ledger.markInstalled()),
      () => [{ action: `external-${kind}-recorded`, subject: id }],
    );
  }

  private external(id: string): SiteDevice & { kind: 'external' } {
    const device = this.device(id);
    if (device.kind !== 'external') throw new DomainError('DEVICE_IS_EMULATED', { device: id });
    return device;
  }

  /** External devices: what the operator copied from the real device, or is about to paste into it. */
  recordExternal(id: string, kind: CodeKind, code: string): void {
    const device = this.external(id);
    const ledger = this.ledger(device);
    const record = {
      request: () => ledger.recordRequest(code).code,
      authorization: () => (ledger.recordAuthorization(code), code),
      confirmation: () => ledger.recordConfirmation(code).code,
      return: () => ledger.recordReturn(code).code,
    }[kind];
    this.commit(record, (text) => {
      const direction = kind === 'authorization' ? 'in' : 'out';
      if (direction === 'out') this.queueOut(device, kind, text);
      return [
        { action: `external-${kind}-recorded`, direction, subject: id, code: { kind, text } },
      ];
    });
  }
}

/** Which device an incoming authorization is for: the file says, or the code itself does. */
function authorizationUdiKey(entry: { udi?: string | null; code: string }): string | undefined {
  if (entry.udi) return entry.udi;
  try {
    const auth = decodeAuthorizationCode(entry.code);
    return auth.type === 'SLR' ? udiKey(auth.udi) : undefined;
  } catch {
    return undefined;
  }
}

function udiOf(device: SiteDevice): Udi {
  return device.kind === 'emulated' ? device.agent.udi : device.ledger.udi;
}

function deviceAdded(device: SiteDevice): AuditRecord {
  return {
    action: 'device-added',
    subject: device.id,
    details: { udi: udiKey(udiOf(device)), kind: device.kind, product: device.product },
  };
}
