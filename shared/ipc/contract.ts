// The IPC contract, written once: every channel's request schema and response type. The preload
// derives its methods from it, the router validates with it, and the renderer's client is typed by it.

import { hasUnshowableCharacter } from '../text/unshowable.ts';
import { z } from 'zod';
import type { ChannelName } from './channels.ts';
import * as D from './dto.ts';

const id = z.string().min(1).max(200);
const showable = (text: string) => !hasUnshowableCharacter(text);
/** The rule a name breaks when it holds a character no name may (the router names it). */
export const UNSHOWABLE = 'a control or direction character';
const name = z.string().trim().min(1).max(120).refine(showable, UNSHOWABLE);
/** A file's name as the window gives it: main checks it (safeFileName) and says what is wrong. */
const givenFileName = z.string().trim().min(1).max(120);
/** Where a device's reservation stands: an emulated device's mode, an external one's ledger stage. */
export const DEVICE_STAGES = [
  'disabled',
  'enabled',
  'pending',
  'reserved',
  'new',
  'request-recorded',
  'authorization-received',
  'installed',
  'return-recorded',
] as const;

const code = z
  .string()
  .min(1)
  .max(64 * 1024);
const ws = { workspaceId: id };
const count = z.number().int().min(0).max(1_000_000);
/** A batch's id, chosen by the caller, to follow its progress and cancel it. */
const batchId = z
  .string()
  .regex(/^b-[0-9a-z]{4,32}$/)
  .optional();
const licenses = z.record(z.string().min(1).max(300), z.number().int().min(0).max(1_000_000));
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** A folder or file main handed out (a listed drive, a dialog's choice): never a path. */
const handle = z.string().regex(/^h-[0-9a-f]{16}$/);
/** A file's name alone: no folder, so it can only name something main already knows. */
const fileName = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[^/\\]+$/)
  .refine((n) => n !== '.' && n !== '..');
const instanceFilterState = z.enum(D.INSTANCE_FILTER_STATES);

/** A window of a long list. */
const page = {
  offset: z.number().int().min(0).max(10_000_000),
  limit: z.number().int().min(1).max(1000),
};

/** A device to add, as the add-device form and each row of a device list give it. */
export const deviceFields = {
  external: z.boolean(),
  product: z.enum(['ucm', 'expressway', 'ios-xe']),
  name: z.string().trim().max(120).refine(showable, UNSHOWABLE).optional(),
  pid: z.string().trim().min(1).max(40),
  sn: z.string().trim().min(1).max(40),
  vid: z.string().trim().max(16).optional(),
  hostId: z.string().trim().max(32).optional(),
  uuid: z.string().trim().max(36).optional(),
  /** The release an emulated device runs (`12.5`, `14SU2`, `X14.2`); unknown means current. */
  softwareVersion: z.string().trim().max(16).optional(),
};

export const selection = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('SLR'),
    licenses,
    sme: z.boolean().optional(),
    anyProduct: z.boolean().optional(),
  }),
  z.object({ type: z.literal('PLR'), exportControl: z.boolean() }),
]);

const deviceAction = z.enum([
  'enable',
  'disable',
  'request',
  'cancel',
  'install',
  'return',
  'returnAuthorization',
  'restart',
]);

/** Request schemas by channel. */
export const requests = {
  'app.info': z.object({}),
  'app.setLanguage': z.object({ language: z.enum(['en', 'ja', 'zh']) }),
  'clipboard.writeText': z.object({ text: z.string().max(16 * 1024 * 1024) }),

  'workspace.list': z.object({}),
  'workspace.create': z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('authority'), name, passphrase: z.string().min(1).max(1024) }),
    z.object({
      kind: z.literal('site'),
      name,
      trustFile: z
        .string()
        .max(64 * 1024)
        .optional(),
      /** Protects the site's checkpoint key (needed to change the site from the command line). */
      passphrase: z.string().min(1).max(1024).optional(),
    }),
  ]),
  'workspace.rename': z.object({ ...ws, name }),
  'workspace.delete': z.object({ ...ws }),
  'workspace.verifyAudit': z.object({ ...ws }),
  /**
   * The checks a change would make first (checkpoint, chain, records), changing nothing: refused
   * with AUDIT_LOG_DAMAGED (or STORE_DAMAGED) exactly when the next change would be.
   */
  'workspace.checkSound': z.object({ ...ws }),
  /**
   * Accepts a log that no longer matches its checkpoint: the finding is logged and a new
   * checkpoint signed (the key must be unlocked). Changes nothing when the log is intact.
   */
  'workspace.repairAudit': z.object({ ...ws }),
  /** The log, a window at a time, newest first; filtered by action and by subject. */
  'workspace.events': z.object({
    ...ws,
    ...page,
    type: z.string().max(60).optional(),
    subject: z.string().max(200).optional(),
  }),
  /** The kinds of event the log holds, with how many of each (for the event list's filter). */
  'workspace.eventTypes': z.object({ ...ws }),
  'workspace.backups': z.object({ ...ws }),
  'workspace.backup': z.object({ ...ws }),
  /** Puts one of the workspace's own backups (named, never a path) in place of its database. */
  'workspace.restore': z.object({ ...ws, backup: fileName, dryRun: z.boolean().optional() }),
  'workspace.check': z.object({ ...ws }),

  'authority.overview': z.object({ ...ws }),
  'authority.unlock': z.object({
    ...ws,
    passphrase: z.string().min(1).max(1024),
    remember: z.boolean().optional(),
  }),
  'authority.lock': z.object({ ...ws }),
  'authority.setReservationEnabled': z.object({ ...ws, enabled: z.boolean() }),
  'authority.addVirtualAccount': z.object({ ...ws, name }),
  'authority.addLicense': z.object({
    ...ws,
    va: name,
    tag: z.string().trim().min(1).max(300),
    displayName: name,
    description: z.string().max(300).optional(),
    type: z.enum(['PERPETUAL', 'TERM', 'SUBSCRIPTION']),
    count: count.min(1),
    startDate: isoDay.optional(),
    endDate: isoDay.optional(),
    level: z.number().int().min(0).max(99).optional(),
    exportControlled: z.boolean().optional(),
  }),
  'authority.loadCatalog': z.object({
    ...ws,
    va: name,
    catalog: z.enum(['ucm', 'expressway']),
    count: count.min(1),
    /** One release's user licences (and those that fit any release); all when absent. */
    version: z
      .string()
      .regex(/^\d{1,2}$/)
      .optional(),
  }),
  /** Licences moved between virtual accounts, as CSSM moves them; at most each one's balance. */
  'authority.moveLicenses': z.object({ ...ws, from: name, to: name, licenses }),
  'authority.licenses': z.object({ ...ws, va: name }),
  'authority.previewRequest': z.object({ ...ws, va: name, requestCode: code }),
  'authority.reserve': z.object({ ...ws, va: name, requestCode: code, selection }),
  'authority.reserveBatch': z.object({
    ...ws,
    va: name,
    requestCodes: z.array(code).min(1).max(100_000),
    selection,
    batchId,
  }),
  'authority.update': z.object({ ...ws, instanceId: id, licenses }),
  'authority.confirm': z.object({
    ...ws,
    instanceId: id,
    confirmationCode: z.string().min(1).max(100),
  }),
  'authority.remove': z.object({ ...ws, instanceId: id, returnCode: z.string().min(1).max(1000) }),
  'authority.transfer': z.object({ ...ws, instanceId: id, toVa: name }),
  'authority.rehost': z.object({
    ...ws,
    instanceId: id,
    requestCode: code,
    reason: z.string().trim().min(1).max(1000),
  }),
  /** Every instance that matches, oldest first, read at one moment (the CLI's list). */
  'authority.instances': z.object({
    ...ws,
    va: name.optional(),
    state: instanceFilterState.optional(),
    search: z.string().max(200).optional(),
  }),
  /** One window of the instances list: filtered, searched and sorted by main, with the count. */
  'authority.instancePage': z.object({
    ...ws,
    ...page,
    va: name.optional(),
    state: instanceFilterState.optional(),
    search: z.string().max(200).optional(),
    sort: z
      .object({
        key: z.enum(['name', 'udi', 'productType', 'va', 'state', 'lastContact', 'createdAt']),
        descending: z.boolean().optional(),
      })
      .optional(),
  }),
  'authority.instance': z.object({ ...ws, instanceId: id }),
  'authority.exportCsv': z.object({
    ...ws,
    report: z.enum(['licenses', 'instances', 'events']),
    va: name.optional(),
  }),
  'authority.trustFile': z.object({ ...ws }),

  'site.overview': z.object({ ...ws }),
  /** Unlocks a site's checkpoint key kept under a passphrase, for this session. */
  'site.unlock': z.object({ ...ws, passphrase: z.string().min(1).max(1024) }),
  /**
   * Trusts an authority's key. A different key than the one trusted now is refused unless
   * `replace` says the operator confirmed it (having compared both fingerprints).
   */
  'site.importTrust': z.object({
    ...ws,
    trustFile: z
      .string()
      .min(1)
      .max(64 * 1024),
    replace: z.boolean().optional(),
  }),
  'site.addDevice': z.object({ ...ws, ...deviceFields }),
  /**
   * Many devices from a CSV list (header: product, pid, sn, and any of name, vid, hostId, uuid,
   * external), in one save. `dryRun` checks every row and adds nothing (the preview).
   */
  'site.addDevices': z.object({
    ...ws,
    csv: z.string().min(1).max(D.DEVICE_LIST_MAX_CHARS),
    dryRun: z.boolean(),
  }),
  'site.device': z.object({ ...ws, deviceId: id }),
  /** One window of the device list: filtered, searched and sorted by main, with the count. */
  'site.devicePage': z.object({
    ...ws,
    ...page,
    kind: z.enum(['emulated', 'external']).optional(),
    stage: z.enum(DEVICE_STAGES).optional(),
    waitingFor: z.string().max(60).optional(),
    search: z.string().max(200).optional(),
    sort: z
      .object({
        key: z.enum(['name', 'udi', 'product', 'registration', 'waitingFor', 'createdAt']),
        descending: z.boolean().optional(),
      })
      .optional(),
  }),
  'site.action': z.object({ ...ws, deviceId: id, action: deviceAction, code: code.optional() }),
  'site.exec': z.object({
    ...ws,
    deviceId: id,
    line: z
      .string()
      .min(1)
      .max(64 * 1024),
  }),
  'site.setUsage': z.object({ ...ws, deviceId: id, tag: z.string().min(1).max(300), count }),
  /** Expressway: bring the active encrypted sessions to `active`, WebRTC on or off first. */
  'site.setSessions': z.object({
    ...ws,
    deviceId: id,
    active: count,
    webRtc: z.boolean().optional(),
  }),
  /** The emulated product was upgraded to another release. */
  'site.upgrade': z.object({ ...ws, deviceId: id, version: z.string().trim().min(1).max(16) }),
  'site.recordExternal': z.discriminatedUnion('kind', [
    z.object({
      ...ws,
      deviceId: id,
      kind: z.enum(['request', 'authorization', 'confirmation', 'return']),
      code,
    }),
    z.object({ ...ws, deviceId: id, kind: z.enum(['cancel', 'installed']) }),
  ]),
  'site.installBatch': z.object({
    ...ws,
    itemIds: z.array(id).max(100_000).optional(),
    batchId,
  }),
  /**
   * Enable (where needed) and request on many emulated devices, in one save; by default every
   * emulated device with neither a reservation nor a pending request.
   */
  'site.requestBatch': z.object({
    ...ws,
    deviceIds: z.array(id).min(1).max(100_000).optional(),
    batchId,
  }),
  'site.returnBatch': z.object({
    ...ws,
    deviceIds: z.array(id).min(1).max(100_000).optional(),
    batchId,
  }),
  /** Stops a running batch after the chunk it is committing; false when none runs by that id. */
  'batch.cancel': z.object({ batchId: z.string().regex(/^b-[0-9a-z]{4,32}$/) }),

  'transfer.drives': z.object({}),
  'transfer.items': z.object({ ...ws, direction: z.enum(['out', 'in']).optional() }),
  /** The operator's word on rows: `done` (carried by hand, answered elsewhere) or `dismissed`. */
  'transfer.mark': z.object({
    ...ws,
    itemIds: z.array(id).min(1).max(100_000),
    status: z.enum(['done', 'dismissed']),
  }),
  'transfer.itemPage': z.object({
    ...ws,
    ...page,
    direction: z.enum(['out', 'in']).optional(),
    kind: z.enum(['request', 'authorization', 'confirmation', 'return']).optional(),
    /** The device (site) or instance (authority) the items belong to. */
    subject: id.optional(),
    /** Exactly this code (after the same trimming a pasted code gets). */
    code: code.optional(),
    status: z
      .enum(['waiting', 'exported', 'imported', 'applied', 'failed', 'done', 'dismissed'])
      .optional(),
  }),
  'transfer.listFiles': z.object({ folder: handle }),
  'transfer.export': z.object({
    ...ws,
    folder: handle,
    itemIds: z.array(id).min(1).max(100_000),
    /** Exactly this name (refused if taken); by default one made from the codes and the time. */
    fileName: fileName.optional(),
  }),
  /** A text file the window made (a code, a report, a trust file) into a handed-out folder. */
  'transfer.writeText': z.object({
    folder: handle,
    fileName: givenFileName,
    text: z.string().max(64 * 1024 * 1024),
  }),
  'transfer.import': z.union([
    z.object({ ...ws, file: handle }),
    z.object({ ...ws, fileName: givenFileName, text: z.string().max(64 * 1024 * 1024) }),
  ]),

  'codes.inspect': z.object({ text: code, workspaceId: id.optional() }),

  'dialog.openFile': z.object({ purpose: z.enum(['transfer', 'trust', 'any']) }),
  'dialog.saveFile': z.object({
    defaultName: z.string().min(1).max(200),
    text: z.string().max(64 * 1024 * 1024),
  }),
  'dialog.chooseDirectory': z.object({}),
} as const;

/** Response types by channel. */
export interface Responses {
  'app.info': D.AppInfoDto;
  'app.setLanguage': D.AppInfoDto;
  'clipboard.writeText': { written: true };
  'workspace.list': D.WorkspaceDto[];
  'workspace.create': D.WorkspaceDto;
  'workspace.rename': D.WorkspaceDto;
  'workspace.delete': { deleted: true; keptAt: string };
  'workspace.verifyAudit': D.AuditVerifyDto;
  'workspace.checkSound': { sound: true };
  'workspace.repairAudit': D.AuditVerifyDto;
  'workspace.events': D.PageDto<D.EventDto>;
  'workspace.eventTypes': Array<{ type: string; count: number }>;
  'workspace.backups': D.BackupDto[];
  'workspace.backup': D.BackupDto;
  'workspace.restore': D.RestoreReportDto;
  'workspace.check': D.IntegrityDto;
  'authority.overview': D.AuthorityOverviewDto;
  'authority.unlock': D.AuthorityOverviewDto;
  'authority.lock': D.AuthorityOverviewDto;
  'authority.setReservationEnabled': D.AuthorityOverviewDto;
  'authority.addVirtualAccount': D.AuthorityOverviewDto;
  'authority.addLicense': D.LicenseRowDto[];
  'authority.loadCatalog': D.LicenseRowDto[];
  'authority.moveLicenses': { from: D.LicenseRowDto[]; to: D.LicenseRowDto[] };
  'authority.licenses': D.LicenseRowDto[];
  'authority.previewRequest': D.RequestPreviewDto;
  'authority.reserve': D.ReservationResultDto;
  'authority.reserveBatch': D.BatchResultDto;
  'authority.update': D.ReservationResultDto;
  'authority.confirm': D.InstanceDto;
  'authority.remove': D.InstanceDto;
  'authority.transfer': D.InstanceDto;
  'authority.rehost': D.ReservationResultDto;
  /** The list leaves out each instance's authorization code (10,000 codes are ~20 MB). */
  'authority.instances': D.InstanceDto[];
  'authority.instancePage': D.PageDto<D.InstanceDto>;
  /** One instance, with its latest authorization code. */
  'authority.instance': D.InstanceDto;
  'authority.exportCsv': { fileName: string; csv: string };
  'authority.trustFile': { fileName: string; text: string; fingerprint: string };
  'site.overview': D.SiteOverviewDto;
  'site.importTrust': D.SiteOverviewDto;
  'site.unlock': D.SiteOverviewDto;
  'site.addDevice': D.DeviceDetailDto;
  'site.addDevices': D.DeviceListResultDto;
  'site.device': D.DeviceDetailDto;
  'site.devicePage': D.PageDto<D.DeviceRowDto>;
  'site.action': D.DeviceActionResultDto;
  'site.exec': D.DeviceActionResultDto;
  'site.setUsage': D.DeviceDetailDto;
  'site.setSessions': D.SessionsResultDto;
  'site.upgrade': D.DeviceDetailDto;
  'site.recordExternal': D.DeviceDetailDto;
  'site.installBatch': D.BatchResultDto;
  'site.requestBatch': D.BatchResultDto;
  'site.returnBatch': D.BatchResultDto;
  'batch.cancel': { cancelled: boolean };
  'transfer.drives': D.DriveDto[];
  'transfer.items': D.TransferItemDto[];
  'transfer.itemPage': D.PageDto<D.TransferItemDto>;
  'transfer.mark': { items: D.TransferItemDto[] };
  'transfer.listFiles': D.DriveFileDto[];
  'transfer.export': D.ExportResultDto;
  'transfer.writeText': D.ExportResultDto;
  'transfer.import': D.ImportResultDto;
  'codes.inspect': D.InspectReport;
  'dialog.openFile': { file: D.ChosenDto | null };
  'dialog.saveFile': { path: string | null };
  'dialog.chooseDirectory': { folder: D.ChosenDto | null };
}

export type Channel = keyof typeof requests;
export type Request<C extends Channel> = z.input<(typeof requests)[C]>;
export type ParsedRequest<C extends Channel> = z.output<(typeof requests)[C]>;
export type Response<C extends Channel> = Responses[C];

export const CHANNELS = Object.keys(requests) as Channel[];

/** What every invoke resolves to: errors travel as values, never as thrown IPC failures. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: D.ErrorDto };

/** The renderer-facing API shape: `api['authority.reserve'](request)`, plus two subscriptions. */
export type Api = { [C in Channel]: (request: Request<C>) => Promise<IpcResult<Response<C>>> } & {
  /** The application menu (and a double-clicked transfer file) asking the UI to do something. */
  onMenuCommand(listener: (command: D.MenuCommand) => void): () => void;
  /** Main telling the window what changed (another process wrote to an open workspace…). */
  onMainEvent(listener: (event: D.MainEvent) => void): () => void;
};

// Compile-time checks: every channel has a response type, and the preload's list is the same set.
type Missing =
  | Exclude<Channel, keyof Responses>
  | Exclude<keyof Responses, Channel>
  | Exclude<Channel, ChannelName>
  | Exclude<ChannelName, Channel>;
const _complete: Missing extends never ? true : never = true;
void _complete;
