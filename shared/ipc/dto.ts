// What main sends the renderer: plain data, decided by the domain, never recomputed by the UI.

import type { InspectReport } from '../codes/inspect.ts';
import type { CodeKind } from '../codes/classify.ts';
import type { Udi } from '../codes/udi.ts';

export type Side = 'authority' | 'site';
export type Language = 'en' | 'ja' | 'zh';
export type ErrorFactsDto = Record<string, string | number | boolean | undefined>;

export interface ErrorDto {
  code: string;
  message: string;
  facts: ErrorFactsDto;
}

export interface WorkspaceDto {
  id: string;
  name: string;
  kind: Side;
  createdAt: string;
}

/** A copy of a workspace's database in its `backups/` folder. */
export interface BackupDto {
  fileName: string;
  createdAt: number;
  reason: string;
  bytes: number;
}

/** What restoring a backup does (or, for a dry run, would do). */
export interface RestoreReportDto {
  restored: boolean;
  backup: { file: string; seq: number };
  /** The log entries after the backup's newest one: lost by restoring it. */
  lost: {
    count: number | null;
    entries: Array<{ seq: number; time: string; action: string; subject?: string }>;
    /** Whether the database being replaced could still be read to list them. */
    readable: boolean;
  };
  replacedKeptAt?: string;
}

export interface IntegrityDto {
  ok: boolean;
  problems: string[];
}

/** One window of a long list, and how many rows match in all. */
export interface PageDto<T> {
  rows: T[];
  total: number;
  offset: number;
}

export interface AlertDto {
  severity: 'major' | 'minor' | 'info';
  code: string;
  facts: ErrorFactsDto;
}

export interface LicenseRowDto {
  tag: string;
  displayName: string;
  description: string;
  type: string;
  purchased: number;
  /** CSSM's In Use: reserved or in transit. */
  inUse: number;
  reserved: number;
  inTransit: number;
  balance: number;
  expires: string | null;
  level: number | null;
  /** The product release a user licence is for (`12`, `14`); null where it fits any. */
  version: string | null;
  exportControlled: boolean;
  plr: 'with-export-control' | 'without-export-control' | null;
  substitution: string[];
  alerts: AlertDto[];
}

export type InstanceStateName = 'reserved' | 'in-transit' | 'removed' | 'rehosted';
/** What the instances list filters on: a state, or a group the operator acts on. */
export const INSTANCE_FILTER_STATES = [
  'reserved',
  'in-transit',
  'removed',
  'rehosted',
  'active',
  'not-confirmed',
  'waiting',
] as const satisfies ReadonlyArray<InstanceStateName | 'active' | 'not-confirmed' | 'waiting'>;
export type InstanceFilterState = (typeof INSTANCE_FILTER_STATES)[number];
export type InstanceSortKey =
  'name' | 'udi' | 'productType' | 'va' | 'state' | 'lastContact' | 'createdAt';
export type DeviceSortKey =
  'name' | 'udi' | 'product' | 'registration' | 'waitingFor' | 'createdAt';

export interface InstanceDto {
  id: string;
  /** This instance's alerts (in transit for long, not confirmed, TERM ending…). */
  alerts: AlertDto[];
  udi: string;
  udiFields: Udi;
  name: string;
  productType: string;
  va: string;
  state: InstanceStateName;
  reservationType: 'SLR' | 'PLR';
  exportControl: boolean | null;
  licenses: Record<string, number>;
  pendingLicenses: Record<string, number> | null;
  confirmed: boolean;
  sequence: number;
  createdAt: number;
  lastContact: number;
  /** The latest live authorization code; null in lists (ask `authority.instance` for it). */
  authorizationCode: string | null;
  rehostedTo: string | null;
  rehostedFrom: string | null;
  reason: string | null;
}

export interface EventDto {
  /** The audit log's sequence number: stable, unique. */
  id: number;
  time: number;
  type: string;
  va?: string;
  instanceId?: string;
  udi?: string;
  details: Record<string, unknown>;
}

export interface AuthorityOverviewDto {
  workspace: WorkspaceDto;
  smartAccount: string;
  reservationEnabled: boolean;
  keyUnlocked: boolean;
  passphraseRemembered: boolean;
  fingerprint: string;
  virtualAccounts: string[];
  alerts: AlertDto[];
  /** Codes waiting to be carried out, and codes that came in and still need action. */
  pending: PendingDto;
  /** Instances by state; `notConfirmed`: reserved, the confirmation code not yet back. */
  instanceCounts: Record<InstanceStateName | 'notConfirmed', number>;
  pool: Array<{
    va: string;
    licenses: number;
    purchased: number;
    reserved: number;
    inTransit: number;
    balance: number;
  }>;
}

export interface RequestPreviewDto {
  udi: string;
  udiFields: Udi;
  productType: string;
  instanceName: string;
  existingInstanceId: string | null;
  checkVerified: boolean;
  /** A real Cisco product printed it: only Cisco's CSSM can authorize it; this desk will not. */
  ciscoProduct: boolean;
  available: LicenseRowDto[];
  smeMinimum: Record<string, number>;
}

export interface ReservationResultDto {
  instance: InstanceDto;
  authorizationCode: string;
  confirmationCode: string | null;
  /** The outbox item carrying the authorization code (for "Save to drive"). */
  outboxItemId: string | null;
}

export interface BatchItemDto {
  index: number;
  ok: boolean;
  instanceId?: string;
  udi?: string;
  /** The device's name (site) or the product instance's (desk), to list results by. */
  name?: string;
  /** The code the item produced (authorization, request, confirmation or return). */
  code?: string;
  /** The outbox item carrying that code (to write it to a drive). */
  outboxItemId?: string;
  error?: ErrorDto;
}

export type Product = 'ucm' | 'expressway' | 'ios-xe';

/** One row of a device list (CSV), as read and checked; `deviceId` once added. */
export interface DeviceListRowDto {
  /** The row's line in the file (the header is line 1). */
  line: number;
  name: string | null;
  product: Product | null;
  external: boolean;
  /** The canonical UDI (`P:…,S:…`) when the row's fields make one. */
  udi: string | null;
  ok: boolean;
  deviceId?: string;
  error?: ErrorDto;
}

/** The longest device list `site.addDevices` takes, in characters (the renderer warns before). */
export const DEVICE_LIST_MAX_CHARS = 8 * 1024 * 1024;

export interface DeviceListResultDto {
  rows: DeviceListRowDto[];
  /** Devices added by this call (0 for a dry run). */
  added: number;
}

export type DeviceFlow = 'reserve' | 'install' | 'update' | 'return' | 'cancel' | 'returnUnused';

export interface DeviceLicenseDto {
  tag: string;
  displayName: string;
  /** null under PLR: everything is authorized up to the platform's capacity. */
  reserved: number | null;
  inUse: number;
  status: string;
  endDate: string | null;
}

export interface DeviceRowDto {
  id: string;
  name: string;
  kind: 'emulated' | 'external';
  product: Product;
  udi: string;
  udiFields: Udi;
  registrationStatus: string;
  authorizationStatus: string;
  reservationType: 'SLR' | 'PLR' | null;
  /** What the device waits for next, as a stable key the UI translates. */
  waitingFor: string;
  /** The flows that make sense now, decided by the device's state. */
  nextActions: DeviceFlow[];
  exportControlled: string;
  daysToTermExpiry: number | null;
  pendingRequestCode: string | null;
  lastConfirmationCode: string | null;
  lastReturnCode: string | null;
}

/** What an emulated product shows about its licensing beyond the statuses (null for external). */
export interface DeviceLicensingDto {
  /** The product's licensing banner: its own words (`text`), and a code for a translation. */
  banner: { code: string; text: string; facts: { days?: number } } | null;
  /** Why new users and devices are refused now; null while the device provisions them. */
  provisioningBlocked: 'evaluation-expired' | 'overage-expired' | null;
  overage: { running: boolean; remainingDays: number; expiredAt: number | null };
  /** Syslog lines the agent sent (`%SMART_LIC-…`), oldest first. */
  syslog: Array<{ time: number; message: string }>;
  /** Expressway only: the encrypted sessions against the export-control limit. */
  encryptedSessions: {
    active: number;
    limit: number | null;
    limitReached: boolean;
    webRtc: boolean;
  } | null;
  softwareVersion: string | null;
  /** The upgrades seed 000 describes that this device can still take (a guided flow each). */
  upgrades: Array<{ kind: 'version-independent' | 'plr'; target: string }>;
}

export interface DeviceDetailDto extends DeviceRowDto {
  licenses: DeviceLicenseDto[];
  licensing: DeviceLicensingDto | null;
  alarms: AlertDto[];
  evaluation: { mode: string; remainingDays: number | null };
  /** External devices: the codes recorded so far, newest last. */
  history: Array<{ time: number; kind: string; code: string; note?: string }>;
  /** External devices: the exact command lines to paste next. */
  commands: Array<{ action: string; command: string }>;
}

export interface ConsoleResultDto {
  ok: boolean;
  output: string;
  /** Set when the device refused: the code and facts behind its printed words. */
  error?: ErrorDto;
  /** Outbox items created for the codes this command printed. */
  outboxItemIds: string[];
  requestCode?: string;
  confirmationCode?: string;
  returnCode?: string;
}

export interface DeviceActionResultDto extends ConsoleResultDto {
  device: DeviceDetailDto;
}

export interface SessionsResultDto {
  device: DeviceDetailDto;
  admitted: number;
  refused: number;
  /** Why sessions were refused: the export-control limit, or the provisioning block. */
  refusedBecause: 'export-limit' | 'evaluation-expired' | 'overage-expired' | null;
  active: number;
  limit: number | null;
}

export interface SiteOverviewDto {
  workspace: WorkspaceDto;
  trust: { authorityName: string; fingerprint: string } | null;
  /**
   * The key this site signs its log with: how it is kept, its fingerprint, and whether it is
   * unlocked here (a passphrase-protected key is unlocked with `site.unlock`).
   */
  checkpointKey: {
    protection: 'passphrase' | 'keychain' | 'none';
    fingerprint: string;
    unlocked: boolean;
  } | null;
  /** How many devices the site has (list them a window at a time with `site.devicePage`). */
  deviceCount: number;
  /** Devices by what they wait for. */
  counts: Record<string, number>;
  /** Codes waiting to be carried out, and codes that came in and still need action. */
  pending: PendingDto;
}

export interface PendingDto {
  /** Outgoing codes not yet carried (`waiting`). */
  out: number;
  /** Incoming codes not yet used (`imported`). */
  in: number;
}

export interface TransferItemDto {
  id: string;
  direction: 'out' | 'in';
  kind: CodeKind;
  code: string;
  udi: string | null;
  subject: string | null;
  label: string | null;
  createdAt: number;
  /**
   * Out: `waiting` to be carried, `exported` in a file. In: `imported`, then `applied` or
   * `failed`. Either way `done` when the operator says so (carried by hand, answered elsewhere)
   * and `dismissed` for a failed row put away.
   */
  status: 'waiting' | 'exported' | 'imported' | 'applied' | 'failed' | 'done' | 'dismissed';
  doneAt: number | null;
  file: string | null;
  error: ErrorDto | null;
}

/** A folder or file main handed out: `handle` for calls, `path` only to show the operator. */
export interface ChosenDto {
  handle: string;
  name: string;
  path: string;
}

export interface DriveDto {
  /** What calls name the drive by (`transfer.listFiles`, `transfer.export`). */
  handle: string;
  /** Where it is mounted, to show. */
  path: string;
  label: string;
  removable: boolean;
  freeBytes: number | null;
  readOnly: boolean;
}

export interface DriveFileDto {
  /** What `transfer.import` takes. */
  handle: string;
  name: string;
  /** To show. */
  path: string;
  bytes: number;
  modified: number;
}

export interface ExportResultDto {
  path: string;
  bytes: number;
  count: number;
}

export interface ImportResultDto {
  file: string;
  format: 'airlock' | 'plain';
  items: TransferItemDto[];
}

export interface AuditVerifyDto {
  ok: boolean;
  /** Intact entries before the first break (all of them when ok). */
  entries: number;
  /** The seq of the first entry that breaks the chain (or its newest checkpoint's entry). */
  firstBrokenAt?: number;
  /**
   * Why it is not ok: the chain (`hash-mismatch`, `seq-gap`, `chain-broken`) or its checkpoint
   * (`no-checkpoint`, `entry-missing`, `bad-signature`, `other-key`, `checkpoints-restarted`,
   * `no-key`), or the records it vouches for (`records-changed`).
   */
  reason?: string;
  /** The newest signed checkpoint. */
  checkpoint?: { seq: number; time: string; keyFingerprint: string } | null;
  /** Entries after the newest checkpoint (made while the key was locked). */
  unsigned?: number;
  /** Breaks in the chain an explicit repair examined and accepted (the broken entries' seqs). */
  accepted?: number[];
  /**
   * With `records-changed`: the tables (guarded-records.ts) whose rows were changed outside
   * Airlock — they no longer add up to their digest, or to what the newest checkpoint signed.
   */
  tables?: string[];
  /** After an explicit repair: what it found and logged (absent when there was nothing to repair). */
  repaired?: { reason: string; brokenAt?: number; tables?: string[] };
  /** The key checkpoints are signed with: compare it with the one shown when it was made. */
  keyFingerprint?: string | null;
}

/**
 * Main → renderer: something the window should know without having asked — another process
 * changed an open workspace, or the check of an open workspace's file found it damaged.
 */
export type MainEvent =
  | { type: 'workspace-changed'; workspaceId: string }
  | { type: 'workspace-damaged'; workspaceId: string }
  | BatchProgressDto;

/** A long batch's progress, after each chunk it committed. */
export interface BatchProgressDto {
  type: 'batch-progress';
  batchId: string;
  workspaceId: string;
  done: number;
  total: number;
  /** Items per second so far. */
  rate: number;
  /** Time left at that rate, ms. */
  etaMs: number;
}

/** A batch's answer: one result per item processed, and how far it got. */
export interface BatchResultDto {
  items: BatchItemDto[];
  /** Codes now waiting in the outbox. */
  outboxCount: number;
  /** Items processed (committed), from the first. */
  done: number;
  total: number;
  /** Cancelled by the operator: the items after `done` were not processed at all. */
  cancelled: boolean;
}

export interface AppInfoDto {
  version: string;
  platform: string;
  dataDir: string;
  language: Language;
}

export type MenuCommand =
  | { command: 'new-workspace' }
  | { command: 'open-transfer' }
  | { command: 'open-inspect' }
  | { command: 'set-language'; language: Language }
  | { command: 'about' }
  | { command: 'import-file'; file: ChosenDto };

export type { InspectReport };
