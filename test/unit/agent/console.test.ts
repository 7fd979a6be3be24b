import { describe, expect, it } from 'vitest';
import { executeCommand } from '../../../shared/agent/console/execute-command.ts';
import { parseCommand } from '../../../shared/agent/console/parse-command.ts';
import { decodeRequestCode } from '../../../shared/codes/request-code.ts';
import { entitlement } from '../../support/codes.ts';
import { TAGS, makeDevice, plrCode, slrCode } from '../../support/agent.ts';

const REQUEST_INTRO = 'Enter the following reservation request code into the CSSM:';
const RETURN_INTRO = 'Enter the following return code into the CSSM:';
const MISMATCH = 'The Reservation Authorization Code does not match the Reservation Request Code';
const CUCM_FAILED = 'Executed command unsuccessfully';

const CUCM = {
  enable: 'license smart reservation enable',
  disable: 'license smart reservation disable',
  request: 'license smart reservation request',
  cancel: 'license smart reservation cancel',
  install: (code: string) => `license smart reservation install "${code}"`,
  return: 'license smart reservation return',
  returnAuthorization: (code: string) => `license smart reservation return-authorization "${code}"`,
};

const EXPRESSWAY = {
  enable: 'xconfiguration License Smart ReservationEnable: On',
  disable: 'xconfiguration License Smart ReservationEnable: Off',
  request: 'xcommand License Smart Reservation Request',
  cancel: 'xcommand License Smart Reservation Cancel',
  install: (code: string) => `xcommand License Smart Reservation Install "${code}"`,
  return: 'xcommand License Smart Reservation Return',
  returnAuthorization: (code: string) =>
    `xcommand License Smart Reservation ReturnAuthorization "${code}"`,
};

function consoleFor(product: 'ucm' | 'expressway') {
  const device = makeDevice(product);
  return { ...device, run: (line: string) => executeCommand(device.agent, line) };
}

describe('a CUCM console, in CUCM syntax', () => {
  const s = CUCM;

  it('runs the whole SLR lifecycle, printing what CUCM prints', () => {
    const { run, udi } = consoleFor('ucm');
    expect(run(s.enable)).toEqual({
      ok: true,
      output: 'License reservation mode is enabled successfully.',
    });
    const request = run(s.request);
    expect(request.ok).toBe(true);
    expect(request.output).toBe(`${REQUEST_INTRO}\n${request.requestCode}`);
    const nonce = decodeRequestCode(request.requestCode!).nonce;
    const issued = slrCode({ udi, nonce });
    const install = run(s.install(issued.text));
    expect(install).toEqual({
      ok: true,
      output: `Authorization code installed successfully.\nPlease enter the confirmation code to CSSM account: ${issued.confirmationCode}`,
      confirmationCode: issued.confirmationCode,
    });
    expect(run(s.request)).toMatchObject({
      ok: false,
      output: `Already registered\n${CUCM_FAILED}`,
    });
    const ret = run(s.return);
    expect(ret.ok).toBe(true);
    expect(ret.output).toBe(`${RETURN_INTRO}\n${ret.returnCode}`);
    expect(run(s.disable)).toEqual({
      ok: true,
      output: 'License reservation mode is disabled successfully.',
    });
  });

  it('refuses a code for another request with the device message and its failure line', () => {
    const { run, udi } = consoleFor('ucm');
    run(s.enable);
    run(s.request);
    expect(run(s.install(slrCode({ udi, nonce: 'ZZZZZZZZZZ' }).text))).toMatchObject({
      ok: false,
      output: `${MISMATCH}\n${CUCM_FAILED}`,
    });
  });

  it('cancels, then gives a return code for the uninstalled authorization', () => {
    const { run, udi } = consoleFor('ucm');
    run(s.enable);
    const nonce = decodeRequestCode(run(s.request).requestCode!).nonce;
    const issued = slrCode({ udi, nonce });
    expect(run(s.cancel)).toEqual({
      ok: true,
      output: 'License reservation request is cancelled successfully.',
    });
    expect(run(s.install(issued.text))).toMatchObject({ ok: false });
    const ret = run(s.returnAuthorization(issued.text));
    expect(ret).toEqual({
      ok: true,
      output: `${RETURN_INTRO}\n${ret.returnCode}`,
      returnCode: ret.returnCode,
    });
  });

  it('takes an unquoted code, as the upgrade steps of seed 000 type it', () => {
    const { run, udi } = consoleFor('ucm');
    run(s.enable);
    const nonce = decodeRequestCode(run(s.request).requestCode!).nonce;
    const issued = slrCode({ udi, nonce });
    expect(run(`license smart reservation install ${issued.text}`).confirmationCode).toBe(
      issued.confirmationCode,
    );
  });
});

describe('an Expressway console, in Expressway syntax', () => {
  const s = EXPRESSWAY;

  it('runs the PLR lifecycle, printing what Expressway prints', () => {
    const { run, udi } = consoleFor('expressway');
    expect(run(s.enable)).toEqual({ ok: true, output: 'OK' });
    const request = run(s.request);
    expect(request.output).toBe(`${REQUEST_INTRO}\n${request.requestCode}`);
    const nonce = decodeRequestCode(request.requestCode!).nonce;
    expect(run(s.install(plrCode({ udi, nonce }).text))).toEqual({
      ok: true,
      output: 'Authorization code installed.',
    });
    const ret = run(s.return);
    expect(ret.output).toBe(`${RETURN_INTRO}\n${ret.returnCode}`);
    expect(run(s.disable)).toEqual({ ok: true, output: 'OK' });
  });

  it('prints the SLR install with the confirmation line', () => {
    const { run, udi } = consoleFor('expressway');
    run(s.enable);
    const nonce = decodeRequestCode(run(s.request).requestCode!).nonce;
    const issued = slrCode({ udi, nonce });
    expect(run(s.install(issued.text)).output).toBe(
      `Authorization code installed.\nPlease enter the confirmation code to CSSM account: ${issued.confirmationCode}`,
    );
  });

  it('cancels with OK, then returns the uninstalled authorization', () => {
    const { run, udi } = consoleFor('expressway');
    run(s.enable);
    const nonce = decodeRequestCode(run(s.request).requestCode!).nonce;
    const issued = slrCode({ udi, nonce });
    expect(run(s.cancel)).toEqual({ ok: true, output: 'OK' });
    expect(run(s.returnAuthorization(issued.text)).returnCode).toBeDefined();
  });

  it('refuses an XML code typed without its double quotes, and says so (seed 001)', () => {
    const { run, udi, agent } = consoleFor('expressway');
    run(s.enable);
    const nonce = decodeRequestCode(run(s.request).requestCode!).nonce;
    const issued = slrCode({ udi, nonce });
    const before = structuredClone(agent.state);
    const result = run(`xcommand License Smart Reservation Install ${issued.text}`);
    expect(result).toEqual({
      ok: false,
      output:
        'The authorization code is XML: enter it in double quotes.\n' +
        'Usage: xcommand License Smart Reservation Install "<authorization code>"',
      error: { code: 'CODE_NOT_QUOTED', facts: { product: 'expressway' } },
    });
    expect(agent.state).toEqual(before);
    expect(
      run(`xcommand License Smart Reservation ReturnAuthorization ${issued.text}`).error?.code,
    ).toBe('CODE_NOT_QUOTED');
    // Quoted, the same code installs.
    expect(run(s.install(issued.text)).confirmationCode).toBe(issued.confirmationCode);
  });

  it('takes a grouped PLR code unquoted, as seed 001 types it', () => {
    const { run, udi } = consoleFor('expressway');
    run(s.enable);
    const nonce = decodeRequestCode(run(s.request).requestCode!).nonce;
    const code = plrCode({ udi, nonce }).text;
    expect(run(`xcommand License Smart Reservation Install ${code}`)).toEqual({
      ok: true,
      output: 'Authorization code installed.',
    });
  });

  it('accepts the xcommand AuthorizationCode: parameter form', () => {
    const { run, udi } = consoleFor('expressway');
    run(s.enable);
    const nonce = decodeRequestCode(run(s.request).requestCode!).nonce;
    const code = plrCode({ udi, nonce }).text;
    expect(run(`xcommand License Smart Reservation Install AuthorizationCode: "${code}"`).ok).toBe(
      true,
    );
  });

  it('shows its active encrypted sessions and their limit in xstatus', () => {
    const { run, agent } = consoleFor('expressway');
    agent.setEncryptedSessions(2300);
    const { output } = run('xstatus License');
    expect(output).toContain('        EncryptedSessions: /\n            Active: 2300\n');
    expect(output).toContain('            Limit: 2500\n            LimitReached: False\n');
  });
});

describe('each product answers only its own syntax', () => {
  it("CUCM answers Expressway's commands as unknown, in its own words, and changes nothing", () => {
    const { run, agent } = consoleFor('ucm');
    const before = structuredClone(agent.state);
    for (const line of [
      EXPRESSWAY.enable,
      EXPRESSWAY.request,
      'xstatus License',
      'xcommand Boot',
    ]) {
      expect(run(line)).toEqual({
        ok: false,
        output: CUCM_FAILED,
        error: { code: 'COMMAND_UNKNOWN', facts: { product: 'ucm', syntax: 'expressway' } },
      });
    }
    expect(agent.state).toEqual(before);
  });

  it("Expressway answers CUCM's commands as unknown, in its own words, and changes nothing", () => {
    const { run, agent } = consoleFor('expressway');
    const before = structuredClone(agent.state);
    for (const line of [CUCM.enable, CUCM.request, 'show license all', 'utils system restart']) {
      expect(run(line)).toEqual({
        ok: false,
        output: 'Command not found',
        error: { code: 'COMMAND_UNKNOWN', facts: { product: 'expressway', syntax: 'ucm' } },
      });
    }
    expect(agent.state).toEqual(before);
  });

  it('answers a command neither product knows without naming a syntax', () => {
    expect(consoleFor('ucm').run('license smart frobnicate')).toEqual({
      ok: false,
      output: CUCM_FAILED,
      error: { code: 'COMMAND_UNKNOWN', facts: { product: 'ucm' } },
    });
    expect(consoleFor('expressway').run('xcommand Nonsense').output).toBe('Command not found');
  });
});

describe('console details', () => {
  it('takes command words in any case and codes with or without quotes, wrapped by a terminal', () => {
    const { run, udi } = consoleFor('ucm');
    run('LICENSE Smart RESERVATION enable');
    const nonce = decodeRequestCode(run('License Smart Reservation Request').requestCode!).nonce;
    const issued = slrCode({
      udi,
      nonce,
      entitlements: [
        entitlement({ tag: TAGS.enhanced, displayName: 'UC Manager Enhanced License (12.x)' }),
      ],
    });
    const wrapped = issued.text.replace(/(.{80})/g, '$1\r\n');
    expect(run(`license smart reservation install ${wrapped}`).confirmationCode).toBe(
      issued.confirmationCode,
    );
  });

  it('treats the guide\'s `return "<code>"` as return-authorization', () => {
    expect(parseCommand('license smart reservation return "CAXXXX"', 'ucm')).toEqual({
      kind: 'return-authorization',
      code: 'CAXXXX',
    });
  });

  it('answers install-file clearly: emulated devices have no SFTP', () => {
    const { run } = consoleFor('ucm');
    run('license smart reservation enable');
    const result = run('license smart reservation install-file sftp://10.0.0.5:22/auth.txt');
    expect(result.ok).toBe(false);
    expect(result.output).toBe(
      'This emulated device cannot fetch files (no SFTP server). Import the authorization code file ' +
        'through Airlock, then install the code with "license smart reservation install".',
    );
  });

  it('shows usage, then the failure line, when an install has no code', () => {
    expect(consoleFor('ucm').run('license smart reservation install')).toMatchObject({
      ok: false,
      output: `Usage: license smart reservation install "<authorization-code>"\n${CUCM_FAILED}`,
      error: { code: 'COMMAND_USAGE' },
    });
  });

  it('refuses to enable with a bad value', () => {
    expect(
      consoleFor('expressway').run('xconfiguration License Smart ReservationEnable: Maybe').ok,
    ).toBe(false);
  });

  it('prints the refusal when reservation is not enabled', () => {
    expect(consoleFor('ucm').run('license smart reservation request')).toMatchObject({
      ok: false,
      output: `License reservation is not enabled.\n${CUCM_FAILED}`,
    });
    expect(consoleFor('expressway').run(EXPRESSWAY.request)).toMatchObject({
      ok: false,
      output: 'License reservation is not enabled.',
    });
  });

  it('speaks, and reads, as the product asked for', () => {
    const { agent } = makeDevice('ucm');
    expect(executeCommand(agent, EXPRESSWAY.enable, { product: 'expressway' }).output).toBe('OK');
  });

  it("restarts with each product's own command", () => {
    expect(consoleFor('ucm').run('utils system restart')).toEqual({
      ok: true,
      output: 'Appliance is being Restarted ...',
    });
    expect(consoleFor('expressway').run('xcommand Boot')).toEqual({ ok: true, output: 'OK' });
  });

  it("prints help listing the product's own commands only", () => {
    const ucm = consoleFor('ucm').run('help');
    expect(ucm.ok).toBe(true);
    expect(ucm.output).toContain('license smart reservation install "<authorization-code>"');
    expect(ucm.output).toContain('license smart export request local <exportfeaturename>');
    expect(ucm.output).not.toContain('xcommand');
    const expressway = consoleFor('expressway').run('help').output;
    expect(expressway).toContain(
      'xcommand License Smart Reservation ReturnAuthorization "<auth code>"',
    );
    expect(expressway).not.toContain('license smart');
  });
});
