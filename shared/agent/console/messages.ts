// Every line the emulated consoles print, in English as the devices speak it, in one table, each
// with its source: a seed (word for word), a public Cisco document, or Airlock (marked invented).
//
// From the seeds: Expressway answers configuration and cancel with `OK` and confirms an install
// with `Authorization code installed.`, prints the request and return codes after an "Enter the
// following … into the CSSM:" line and the confirmation code after "Please enter the confirmation
// code to CSSM account:" (seed 001); CUCM confirms an install with `Authorization code installed
// successfully.` (seed 004). From Cisco's CUCM 12.5 SLR note (document 214381): `License
// reservation mode is enabled successfully.`. From the CUCM CLI reference: a command that fails
// ends with `Executed command unsuccessfully`. Everything else is Airlock's, and says so.

import type { ErrorFacts } from '../../errors.ts';
import type { Product } from '../device-state.ts';
import { type Source, type Sourced, airlock, cisco, seed } from '../sources.ts';

export type PerProduct = Record<Product, Sourced>;

export const OK = 'OK';

const S001_OK = seed('001', '予約の有効化 / 予約プロセスのキャンセル: the console answers OK');
const S001_INSTALLED = seed('001', 'ランセンス予約承認コードを CCSM からインストール');
const S004_INSTALLED = seed(
  '004',
  'license smart reservation request, step 4: the install example',
);
const CUCM_FAILED = cisco(
  'Cisco Unified Communications Manager CLI reference: a failing command ends "Executed command unsuccessfully"',
);
const CUCM_VOICE = airlock(
  'CUCM line no seed or Cisco page shows; written in the voice of its enable line',
);

const line = (text: string, source: Source): Sourced => ({ text, source });

export const PRINTED = {
  enabled: {
    ucm: line(
      'License reservation mode is enabled successfully.',
      cisco('Smart License Reservation for CUCM Version 12.5 (Cisco document 214381), step 2'),
    ),
    expressway: line(OK, S001_OK),
  },
  alreadyEnabled: {
    ucm: line('License reservation mode is already enabled.', CUCM_VOICE),
    expressway: line(OK, S001_OK),
  },
  disabled: {
    ucm: line('License reservation mode is disabled successfully.', CUCM_VOICE),
    expressway: line(OK, S001_OK),
  },
  alreadyDisabled: {
    ucm: line('License reservation mode is already disabled.', CUCM_VOICE),
    expressway: line(OK, S001_OK),
  },
  cancelled: {
    ucm: line('License reservation request is cancelled successfully.', CUCM_VOICE),
    expressway: line(OK, S001_OK),
  },
  installed: {
    ucm: line('Authorization code installed successfully.', S004_INSTALLED),
    expressway: line('Authorization code installed.', S001_INSTALLED),
  },
  requestIntro: {
    ucm: line(
      'Enter the following reservation request code into the CSSM:',
      airlock("CUCM's line before the request code is not in the seeds; Expressway's is used"),
    ),
    expressway: line(
      'Enter the following reservation request code into the CSSM:',
      seed('001', '予約要求コード, step 1'),
    ),
  },
  returnIntro: {
    ucm: line(
      'Enter the following return code into the CSSM:',
      airlock("CUCM's line before the return code is not in the seeds; Expressway's is used"),
    ),
    expressway: line(
      'Enter the following return code into the CSSM:',
      seed('001', 'リターン予約コード, step 1'),
    ),
  },
  restarting: {
    ucm: line('Appliance is being Restarted ...', CUCM_VOICE),
    expressway: line(
      OK,
      airlock('Expressway answers commands with OK (seed 001); xcommand Boot too'),
    ),
  },
  unknownCommand: {
    ucm: line('Executed command unsuccessfully', CUCM_FAILED),
    expressway: line(
      'Command not found',
      airlock("Expressway's answer to an unknown command is in neither the seeds nor a Cisco page"),
    ),
  },
  commandFailed: {
    ucm: line('Executed command unsuccessfully', CUCM_FAILED),
    expressway: line(
      'Command failed',
      airlock("Expressway's error trailer is in neither the seeds nor a Cisco page"),
    ),
  },
} satisfies Record<string, PerProduct>;

export type PrintedKey = keyof typeof PRINTED;

/** What a product prints for a key. */
export function say(key: PrintedKey, product: Product): string {
  return PRINTED[key][product].text;
}

export const CONFIRMATION_PREFIX: Sourced = line(
  'Please enter the confirmation code to CSSM account:',
  seed('001', 'ランセンス予約認証コードを CCSM からインストール, the install example'),
);

export const INSTALL_FILE_UNAVAILABLE: Sourced = line(
  'This emulated device cannot fetch files (no SFTP server). Import the authorization code file ' +
    'through Airlock, then install the code with "license smart reservation install".',
  airlock('the emulated CUCM has no SFTP client; says how to do it instead'),
);

export const EXPORT_NOTHING_TO_CANCEL: Sourced = line(
  'There is no export authorization request or return to cancel.',
  airlock(
    'seeds 000 and 004 say what cancel stops (retries of a request or return), not what it prints',
  ),
);

export function confirmationLine(code: string): string {
  return `${CONFIRMATION_PREFIX.text} ${code}`;
}

/** `{{tag}}` stands for the licence's tag. */
export const STOPPED_AT_RESTART: Sourced = line(
  'Alarm: license {{tag}} has expired; its features are stopped.',
  airlock(
    'seed 001 says the features stop at restart and an alarm is raised, not what Expressway prints',
  ),
);

export const USAGE_PREFIX: Sourced = line(
  'Usage:',
  airlock(
    "a command's usage, from the syntax the seeds document; the products' own hint is not shown",
  ),
);

export function stoppedAtRestartLine(tag: string): string {
  return STOPPED_AT_RESTART.text.replace('{{tag}}', tag);
}

export function usageLine(usage: string): string {
  return `${USAGE_PREFIX.text} ${usage}`;
}

/** A refusal's printed sentence and where it comes from. */
export interface Refusal {
  text: (facts: ErrorFacts) => string;
  source: Source;
}

const invented = (why: string) => airlock(why);
const REFUSAL_VOICE = invented('the product prints no such message in the seeds; Airlock says why');

const refusal = (text: Refusal['text'], source: Source = REFUSAL_VOICE): Refusal => ({
  text,
  source,
});

/** What the device prints when it refuses, by DomainError code. */
export const REFUSALS: Record<string, Refusal> = {
  RESERVATION_NOT_ENABLED: refusal(() => 'License reservation is not enabled.'),
  RESERVATION_INSTALLED: refusal(
    () => 'A reservation is installed. Return it before disabling license reservation.',
  ),
  REQUEST_PENDING: refusal(
    () => 'A reservation request is in progress. Cancel it before disabling license reservation.',
  ),
  ALREADY_REGISTERED: refusal(
    () => 'Already registered',
    invented('SPEC §3 gives this answer; no seed shows it'),
  ),
  NO_PENDING_REQUEST: refusal((f) =>
    f.installed
      ? 'A reservation is installed; there is no request to cancel.'
      : 'No reservation request is in progress.',
  ),
  NO_RESERVATION_INSTALLED: refusal(() => 'No reservation is installed.'),
  NO_TRUST_KEY: refusal(
    () => 'No trusted authority key is installed: the authorization code cannot be verified.',
  ),
  AUTHORIZATION_UNVERIFIABLE: refusal(
    () =>
      'The authorization code was issued by CSSM; its signature cannot be verified on this emulated device.',
  ),
  AUTHORIZATION_SIGNATURE_INVALID: refusal(() => 'The authorization code signature is not valid.'),
  UDI_MISMATCH: refusal((f) =>
    f.found
      ? `The authorization code is for another product instance (${String(f.found)}), not ${String(f.expected)}.`
      : `The authorization code is for another product instance, not ${String(f.expected)}.`,
  ),
  AUTHORIZATION_RETURNED: refusal(() => 'This authorization code has already been returned.'),
  AUTHORIZATION_FOR_CANCELLED_REQUEST: refusal(
    () =>
      'The authorization code answers a cancelled reservation request. Return it with return-authorization.',
  ),
  AUTHORIZATION_REQUEST_MISMATCH: refusal(
    () => 'The Reservation Authorization Code does not match the Reservation Request Code',
    invented('SPEC §3 gives this answer; no seed shows it'),
  ),
  AUTHORIZATION_REPLAYED: refusal(
    (f) =>
      `The authorization code is not newer than the installed one (installed ${String(f.installed)}, code ${String(f.found)}).`,
  ),
  AUTHORIZATION_SUPERSEDED: refusal(
    () =>
      'This authorization code was installed and then replaced by an update; it cannot be returned unused.',
  ),
  AUTHORIZATION_IS_INSTALLED: refusal(
    () => 'This authorization code is installed; use return to release it.',
  ),
  PLR_NOT_SUPPORTED: refusal(
    (f) =>
      `Permanent License Reservation is supported from release ${String(f.first)}; this system runs ${String(f.version)}. Upgrade it first.`,
    invented('seed 000 says PLR needs 14SU3; the wording is Airlock'),
  ),
  CODE_EMPTY: refusal(() => 'No authorization code was given.'),
  CODE_NOT_QUOTED: refusal(
    () => 'The authorization code is XML: enter it in double quotes.',
    invented(
      'seed 001 ("これは XML ファイルです。コードは必ず二重引用符で囲んでください。") in English; the Japanese interface shows the seed',
    ),
  ),
  AUTHORIZATION_CODE_MALFORMED: refusal((f) => `The authorization code is not valid${where(f)}.`),
  AUTHORIZATION_CODE_CHECK_FAILED: refusal((f) => `The authorization code is mistyped${where(f)}.`),
  EXPORT_UNDER_RESERVATION: refusal(
    (f) =>
      `License reservation is enabled: export-controlled functionality is not requested from Smart Software Manager but follows the installed reservation (Export-Controlled Functionality: ${String(f.exportControlled)}). ` +
      (f.action === 'return'
        ? 'To give the CUCM Export Restricted Authorization Key back, update or return the reservation.'
        : 'Reserve the CUCM Export Restricted Authorization Key (or a PLR with Export Control) and install the new authorization code.'),
    invented(
      'seeds 000 and 004: without a connection, export-controlled functionality comes through the reservation; the wording is Airlock',
    ),
  ),
  EXPORT_NEEDS_REGISTRATION: refusal(
    () =>
      'The product is not registered with Smart Software Manager or a satellite: an export authorization key can only be requested by a registered product.',
    invented(
      'seeds 000 and 004: "Before you begin" the product is registered; the wording is Airlock',
    ),
  ),
};

function where(facts: ErrorFacts): string {
  const parts: string[] = [];
  if (facts.reason !== undefined) parts.push(String(facts.reason));
  if (facts.element !== undefined) parts.push(`element ${String(facts.element)}`);
  if (facts.group !== undefined) parts.push(`group ${String(facts.group)}`);
  if (facts.position !== undefined) parts.push(`position ${String(facts.position)}`);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

/**
 * What the device prints when it refuses: the sentence, then CUCM's failure line (a CUCM command
 * that fails says so last). A refusal without a sentence prints the product's failure line.
 */
export function refusalLine(code: string, facts: ErrorFacts, product: Product): string {
  const describe = REFUSALS[code];
  if (!describe) return `${say('commandFailed', product)}: ${code}`;
  const text = describe.text(facts);
  return product === 'ucm' ? `${text}\n${say('commandFailed', product)}` : text;
}

export const HELP: PerProduct = {
  ucm: line(
    [
      'License reservation commands:',
      '  license smart reservation enable | disable | request | cancel | return',
      '  license smart reservation install "<authorization-code>"',
      '  license smart reservation install-file <url>',
      '  license smart reservation return-authorization "<authorization-code>"',
      '  license smart export request local <exportfeaturename>',
      '  license smart export return local <exportfeaturename>',
      '  license smart export cancel',
      '  show license all | status | summary | udi | usage',
      '  utils system restart',
    ].join('\n'),
    airlock('a list of the commands the seeds document for CUCM (000, 004)'),
  ),
  expressway: line(
    [
      'License reservation commands:',
      '  xconfiguration License Smart ReservationEnable: On | Off',
      '  xcommand License Smart Reservation Request | Cancel | Return',
      '  xcommand License Smart Reservation Install "<authorization code>"',
      '  xcommand License Smart Reservation ReturnAuthorization "<auth code>"',
      '  xstatus License',
      '  xcommand Boot',
    ].join('\n'),
    airlock('a list of the commands seed 001 documents for Expressway'),
  ),
};
