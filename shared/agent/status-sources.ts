// Where each status string the device prints comes from (sources.ts): the seeds where they show
// it, Cisco's IOS-XE Smart Agent where only it does, Airlock where neither does.

import type {
  AuthorizationStatus,
  ExportControlStatus,
  LicenseStatus,
  RegistrationStatus,
} from './device-state.ts';
import { type Source, airlock, cisco, seed } from './sources.ts';

const IOS_XE = (shown: string) =>
  cisco(`IOS-XE show license status prints "${shown}"; the seeds show no CUCM or Expressway form`);

export const STATUS_SOURCES: Record<
  RegistrationStatus | AuthorizationStatus | LicenseStatus | ExportControlStatus,
  Source
> = {
  Unregistered: seed('002', 'UCMでのスマートライセンスの状態, status table'),
  'Reservation In Progress': seed(
    '000',
    'license smart reservation install: [進行中の予約（Reservation In Progress）]',
  ),
  'Registered - Specific License Reservation': seed(
    '000',
    'license smart reservation return: 登録済み -特定ライセンス予約',
  ),
  'Registered - Universal License Reservation': IOS_XE(
    'REGISTERED - UNIVERSAL LICENSE RESERVATION',
  ),
  'Authorized - Reserved': IOS_XE('AUTHORIZED - RESERVED'),
  'Out of Compliance': IOS_XE('OUT OF COMPLIANCE'),
  'No Licenses in Use': seed('002', 'status table'),
  'Evaluation Mode': seed('002', 'status table'),
  'Evaluation Expired': seed('002', 'status table'),
  'Authorization Expired': seed('002', 'status table'),
  InCompliance: seed('002', 'show license all: Status: InCompliance'),
  Init: seed('002', 'show license all: Status: Init'),
  OutOfCompliance: airlock("the per-license counterpart of seed 002's InCompliance"),
  Waiting: airlock('English of seed 001 (ステータス: 待機中)'),
  Expired: airlock('a reserved TERM license past its end date; no seed names the state'),
  'Not Authorized': airlock('English of seed 001 (ステータス: 未承認)'),
  Allowed: seed('002', 'show license all: Export-Controlled Functionality: Allowed'),
  'Not Allowed': IOS_XE('Export-Controlled Functionality: NOT ALLOWED'),
};
