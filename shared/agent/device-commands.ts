// The exact command an operator pastes into a real device's console, per platform.
//
// CUCM and Expressway from their guides; IOS-XE enables reservation in global configuration mode
// and takes `request local` (SLR) / `request universal` (PLR), `install file <url>` and
// `return local`. An XML code holds spaces, so IOS-XE gets it as a file.

import { looksLikeXml } from '../codes/authorization.ts';
import { unwrap, withoutLineBreaks, withoutWhitespace } from '../codes/normalise.ts';
import { DomainError, ensure } from '../errors.ts';

export type ExternalPlatform = 'cucm' | 'expressway' | 'ios-xe';

export type DeviceAction =
  | 'enable'
  | 'disable'
  | 'request'
  | 'request-plr'
  | 'cancel'
  | 'install'
  | 'install-file'
  | 'return'
  | 'return-authorization'
  | 'show-status'
  | 'show-udi';

export interface CommandArguments {
  code?: string;
  fileUrl?: string;
}

/** The code as it should be pasted: one line, no surrounding quotes. */
function pasteable(raw: string | undefined, action: DeviceAction): string {
  ensure(raw !== undefined && raw.trim() !== '', 'COMMAND_NEEDS_CODE', { action });
  const code = looksLikeXml(raw)
    ? withoutLineBreaks(unwrap(raw, { ascii: false }))
    : withoutWhitespace(unwrap(raw));
  ensure(!code.includes('"'), 'CODE_NOT_QUOTABLE', { action });
  return code;
}

function fileUrl(args: CommandArguments, action: DeviceAction): string {
  const url = args.fileUrl?.trim() ?? '';
  ensure(/^\S+$/.test(url), 'COMMAND_NEEDS_FILE_URL', { action });
  return url;
}

function cucm(action: DeviceAction, args: CommandArguments): string {
  const base = 'license smart reservation';
  switch (action) {
    case 'enable':
    case 'disable':
    case 'cancel':
    case 'return':
      return `${base} ${action}`;
    case 'request':
    case 'request-plr':
      return `${base} request`;
    case 'install':
      return `${base} install "${pasteable(args.code, action)}"`;
    case 'install-file':
      return `${base} install-file ${fileUrl(args, action)}`;
    case 'return-authorization':
      return `${base} return-authorization "${pasteable(args.code, action)}"`;
    case 'show-status':
      return 'show license all';
    case 'show-udi':
      return 'show license udi';
  }
}

function expressway(action: DeviceAction, args: CommandArguments): string {
  const base = 'xcommand License Smart Reservation';
  switch (action) {
    case 'enable':
      return 'xconfiguration License Smart ReservationEnable: On';
    case 'disable':
      return 'xconfiguration License Smart ReservationEnable: Off';
    case 'request':
    case 'request-plr':
      return `${base} Request`;
    case 'cancel':
      return `${base} Cancel`;
    case 'install':
      return `${base} Install "${pasteable(args.code, action)}"`;
    case 'install-file':
      throw new DomainError('COMMAND_NOT_AVAILABLE', { platform: 'expressway', action });
    case 'return':
      return `${base} Return`;
    case 'return-authorization':
      return `${base} ReturnAuthorization "${pasteable(args.code, action)}"`;
    case 'show-status':
    case 'show-udi':
      return 'xstatus License';
  }
}

function iosXe(action: DeviceAction, args: CommandArguments): string {
  const base = 'license smart reservation';
  const inline = (verb: string): string => {
    if (args.fileUrl !== undefined) return `${base} ${verb} file ${fileUrl(args, action)}`;
    const code = pasteable(args.code, action);
    if (looksLikeXml(code))
      throw new DomainError('COMMAND_NEEDS_FILE_URL', { action, platform: 'ios-xe' });
    return `${base} ${verb} ${code}`;
  };
  switch (action) {
    case 'enable':
      return ['configure terminal', base, 'end'].join('\n');
    case 'disable':
      return ['configure terminal', `no ${base}`, 'end'].join('\n');
    case 'request':
      return `${base} request local`;
    case 'request-plr':
      return `${base} request universal`;
    case 'cancel':
      return `${base} cancel`;
    case 'install':
      return inline('install');
    case 'install-file':
      return `${base} install file ${fileUrl(args, action)}`;
    case 'return':
      return `${base} return local`;
    case 'return-authorization':
      return inline('return authorization');
    case 'show-status':
      return 'show license status';
    case 'show-udi':
      return 'show license udi';
  }
}

/** Throws COMMAND_NOT_AVAILABLE, COMMAND_NEEDS_CODE, COMMAND_NEEDS_FILE_URL or CODE_NOT_QUOTABLE. */
export function deviceCommand(
  platform: ExternalPlatform,
  action: DeviceAction,
  args: CommandArguments = {},
): string {
  if (platform === 'cucm') return cucm(action, args);
  if (platform === 'expressway') return expressway(action, args);
  return iosXe(action, args);
}
