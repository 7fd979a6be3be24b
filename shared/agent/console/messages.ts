// Every line the emulated consoles print, in English as the devices speak it, in one place.
//
// From the product guides: Expressway answers configuration and cancel with `OK`, prints the
// request and return codes after an "Enter the following … into the CSSM:" line, and confirms an
// install with `Authorization code installed.`; CUCM says `Authorization code installed
// successfully.` and `License reservation mode is enabled successfully.`. The CUCM lines the
// guides do not show are written in the same voice.

import type { ErrorFacts } from '../../errors.ts';
import type { Product } from '../device-state.ts';

export type PerProduct = Record<Product, string>;

export const OK = 'OK';

export const PRINTED = {
  enabled: { ucm: 'License reservation mode is enabled successfully.', expressway: OK },
  alreadyEnabled: { ucm: 'License reservation mode is already enabled.', expressway: OK },
  disabled: { ucm: 'License reservation mode is disabled successfully.', expressway: OK },
  alreadyDisabled: { ucm: 'License reservation mode is already disabled.', expressway: OK },
  cancelled: { ucm: 'License reservation request is cancelled successfully.', expressway: OK },
  installed: {
    ucm: 'Authorization code installed successfully.',
    expressway: 'Authorization code installed.',
  },
  restarting: { ucm: 'Appliance is being Restarted ...', expressway: OK },
  unknownCommand: { ucm: 'Executed command unsuccessful', expressway: 'Command not found' },
} satisfies Record<string, PerProduct>;

export const REQUEST_CODE_INTRO = 'Enter the following reservation request code into the CSSM:';
export const RETURN_CODE_INTRO = 'Enter the following return code into the CSSM:';
export const HELP_HINT = 'Type "help" for the list of commands.';
export const INSTALL_FILE_UNAVAILABLE =
  'This emulated device cannot fetch files (no SFTP server). Import the authorization code file ' +
  'through Airlock, then install the code with "license smart reservation install".';

export function confirmationLine(code: string): string {
  return `Please enter the confirmation code to CSSM account: ${code}`;
}

export function stoppedAtRestartLine(tag: string): string {
  return `Alarm: license ${tag} has expired; its features are stopped.`;
}

export function usageLine(usage: string): string {
  return `Usage: ${usage}`;
}

/** What the device prints when it refuses, by DomainError code. */
const REFUSALS: Record<string, (facts: ErrorFacts) => string> = {
  RESERVATION_NOT_ENABLED: () => 'License reservation is not enabled.',
  RESERVATION_INSTALLED: () =>
    'A reservation is installed. Return it before disabling license reservation.',
  REQUEST_PENDING: () =>
    'A reservation request is in progress. Cancel it before disabling license reservation.',
  ALREADY_REGISTERED: () => 'Already registered',
  NO_PENDING_REQUEST: (f) =>
    f.installed
      ? 'A reservation is installed; there is no request to cancel.'
      : 'No reservation request is in progress.',
  NO_RESERVATION_INSTALLED: () => 'No reservation is installed.',
  NO_TRUST_KEY: () =>
    'No trusted authority key is installed: the authorization code cannot be verified.',
  AUTHORIZATION_UNVERIFIABLE: () =>
    'The authorization code was issued by CSSM; its signature cannot be verified on this emulated device.',
  AUTHORIZATION_SIGNATURE_INVALID: () => 'The authorization code signature is not valid.',
  UDI_MISMATCH: (f) =>
    f.found
      ? `The authorization code is for another product instance (${String(f.found)}), not ${String(f.expected)}.`
      : `The authorization code is for another product instance, not ${String(f.expected)}.`,
  AUTHORIZATION_RETURNED: () => 'This authorization code has already been returned.',
  AUTHORIZATION_FOR_CANCELLED_REQUEST: () =>
    'The authorization code answers a cancelled reservation request. Return it with return-authorization.',
  AUTHORIZATION_REQUEST_MISMATCH: () =>
    'The Reservation Authorization Code does not match the Reservation Request Code',
  AUTHORIZATION_REPLAYED: (f) =>
    `The authorization code is not newer than the installed one (installed ${String(f.installed)}, code ${String(f.found)}).`,
  AUTHORIZATION_SUPERSEDED: () =>
    'This authorization code was installed and then replaced by an update; it cannot be returned unused.',
  AUTHORIZATION_IS_INSTALLED: () =>
    'This authorization code is installed; use return to release it.',
  CODE_EMPTY: () => 'No authorization code was given.',
  AUTHORIZATION_CODE_MALFORMED: (f) => `The authorization code is not valid${where(f)}.`,
  AUTHORIZATION_CODE_CHECK_FAILED: (f) => `The authorization code is mistyped${where(f)}.`,
};

function where(facts: ErrorFacts): string {
  const parts: string[] = [];
  if (facts.reason !== undefined) parts.push(String(facts.reason));
  if (facts.element !== undefined) parts.push(`element ${String(facts.element)}`);
  if (facts.group !== undefined) parts.push(`group ${String(facts.group)}`);
  if (facts.position !== undefined) parts.push(`position ${String(facts.position)}`);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

export function refusalLine(code: string, facts: ErrorFacts, product: Product): string {
  const describe = REFUSALS[code];
  return describe ? describe(facts) : `${PRINTED.unknownCommand[product]}: ${code}`;
}

export const HELP = [
  'License reservation commands (either syntax works on either product):',
  '',
  '  CUCM                                                    Expressway',
  '  license smart reservation enable                        xconfiguration License Smart ReservationEnable: On',
  '  license smart reservation disable                       xconfiguration License Smart ReservationEnable: Off',
  '  license smart reservation request                       xcommand License Smart Reservation Request',
  '  license smart reservation cancel                        xcommand License Smart Reservation Cancel',
  '  license smart reservation install "<code>"              xcommand License Smart Reservation Install "<code>"',
  '  license smart reservation install-file <url>            (not available)',
  '  license smart reservation return                        xcommand License Smart Reservation Return',
  '  license smart reservation return-authorization "<code>" xcommand License Smart Reservation ReturnAuthorization "<code>"',
  '  show license all | status | udi | usage                 xstatus License',
  '  utils system restart                                    xcommand Boot',
].join('\n');
