// What an emulated product shows about its licensing beyond the status strings, as the IPC
// contract carries it: banner, provisioning block, overage, syslog, sessions, release.

import type { DeviceLicensingDto } from '../ipc/dto.ts';
import { upgradePaths } from './software-version.ts';
import type { DeviceStatus } from './status.ts';

export function licensingView(s: DeviceStatus): DeviceLicensingDto {
  return {
    banner: s.banner && { code: s.banner.code, text: s.banner.text, facts: { ...s.banner.facts } },
    provisioningBlocked: s.provisioningBlocked,
    overage: {
      running: s.overage.running,
      remainingDays: s.overage.remainingDays,
      expiredAt: s.overage.expiredAt,
    },
    syslog: s.syslog.map((e) => ({ time: e.at, message: e.message })),
    encryptedSessions: s.product === 'expressway' ? { ...s.encryptedSessions } : null,
    softwareVersion: s.softwareVersion,
    upgrades: upgradePaths(s.product, s.softwareVersion),
  };
}
