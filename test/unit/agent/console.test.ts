import { describe, expect, it } from 'vitest';
import { executeCommand } from '../../../shared/agent/console/execute-command.ts';
import { parseCommand } from '../../../shared/agent/console/parse-command.ts';
import { decodeRequestCode } from '../../../shared/codes/request-code.ts';
import { entitlement } from '../../support/codes.ts';
import { TAGS, makeDevice, plrCode, slrCode } from '../../support/agent.ts';

const REQUEST_INTRO = 'Enter the following reservation request code into the CSSM:';
const RETURN_INTRO = 'Enter the following return code into the CSSM:';
const MISMATCH = 'The Reservation Authorization Code does not match the Reservation Request Code';

const SYNTAX = {
  cucm: {
    enable: 'license smart reservation enable',
    disable: 'license smart reservation disable',
    request: 'license smart reservation request',
    cancel: 'license smart reservation cancel',
    install: (code: string) => `license smart reservation install "${code}"`,
    return: 'license smart reservation return',
    returnAuthorization: (code: string) =>
      `license smart reservation return-authorization "${code}"`,
  },
  expressway: {
    enable: 'xconfiguration License Smart ReservationEnable: On',
    disable: 'xconfiguration License Smart ReservationEnable: Off',
    request: 'xcommand License Smart Reservation Request',
    cancel: 'xcommand License Smart Reservation Cancel',
    install: (code: string) => `xcommand License Smart Reservation Install "${code}"`,
    return: 'xcommand License Smart Reservation Return',
    returnAuthorization: (code: string) =>
      `xcommand License Smart Reservation ReturnAuthorization "${code}"`,
  },
};

function consoleFor(product: 'ucm' | 'expressway') {
  const device = makeDevice(product);
  return { ...device, run: (line: string) => executeCommand(device.agent, line) };
}

describe.each(['cucm', 'expressway'] as const)('the %s syntax', (syntax) => {
  const s = SYNTAX[syntax];

  it('runs the whole SLR lifecycle on a CUCM device, printing what CUCM prints', () => {
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
    expect(run(s.request)).toMatchObject({ ok: false, output: 'Already registered' });
    const ret = run(s.return);
    expect(ret.ok).toBe(true);
    expect(ret.output).toBe(`${RETURN_INTRO}\n${ret.returnCode}`);
    expect(run(s.disable)).toEqual({
      ok: true,
      output: 'License reservation mode is disabled successfully.',
    });
  });

  it('runs the PLR lifecycle on an Expressway device, printing what Expressway prints', () => {
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

  it('cancels, then gives a return code for the uninstalled authorization', () => {
    const { run, udi } = consoleFor('expressway');
    run(s.enable);
    const nonce = decodeRequestCode(run(s.request).requestCode!).nonce;
    const issued = slrCode({ udi, nonce });
    expect(run(s.cancel)).toEqual({ ok: true, output: 'OK' });
    expect(run(s.install(issued.text))).toMatchObject({ ok: false });
    const ret = run(s.returnAuthorization(issued.text));
    expect(ret).toEqual({
      ok: true,
      output: `${RETURN_INTRO}\n${ret.returnCode}`,
      returnCode: ret.returnCode,
    });
  });

  it('prints the SLR install on Expressway with the confirmation line', () => {
    const { run, udi } = consoleFor('expressway');
    run(s.enable);
    const nonce = decodeRequestCode(run(s.request).requestCode!).nonce;
    const issued = slrCode({ udi, nonce });
    expect(run(s.install(issued.text)).output).toBe(
      `Authorization code installed.\nPlease enter the confirmation code to CSSM account: ${issued.confirmationCode}`,
    );
  });

  it('refuses a code for another request with the device message', () => {
    const { run, udi } = consoleFor('ucm');
    run(s.enable);
    run(s.request);
    expect(run(s.install(slrCode({ udi, nonce: 'ZZZZZZZZZZ' }).text))).toMatchObject({
      ok: false,
      output: MISMATCH,
    });
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

  it('accepts the xcommand AuthorizationCode: parameter form', () => {
    const { run, udi } = consoleFor('expressway');
    run('xconfiguration License Smart ReservationEnable: On');
    const nonce = decodeRequestCode(
      run('xcommand License Smart Reservation Request').requestCode!,
    ).nonce;
    const code = plrCode({ udi, nonce }).text;
    expect(run(`xcommand License Smart Reservation Install AuthorizationCode: "${code}"`).ok).toBe(
      true,
    );
  });

  it('treats the guide\'s `return "<code>"` as return-authorization', () => {
    expect(parseCommand('license smart reservation return "CAXXXX"')).toEqual({
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

  it("answers unknown commands in the product's voice", () => {
    expect(consoleFor('ucm').run('license smart frobnicate')).toMatchObject({
      ok: false,
      output: 'Executed command unsuccessful\nType "help" for the list of commands.',
    });
    expect(consoleFor('expressway').run('xcommand Nonsense')).toMatchObject({
      ok: false,
      output: 'Command not found\nType "help" for the list of commands.',
    });
  });

  it('shows usage when an install has no code', () => {
    expect(consoleFor('ucm').run('license smart reservation install')).toMatchObject({
      ok: false,
      output:
        'Executed command unsuccessful\nUsage: license smart reservation install "<authorization-code>"',
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
      output: 'License reservation is not enabled.',
    });
  });

  it('speaks in the voice asked for', () => {
    const { agent } = makeDevice('ucm');
    expect(
      executeCommand(agent, 'license smart reservation enable', { product: 'expressway' }).output,
    ).toBe('OK');
  });

  it("restarts with either product's command", () => {
    expect(consoleFor('ucm').run('utils system restart')).toEqual({
      ok: true,
      output: 'Appliance is being Restarted ...',
    });
    expect(consoleFor('expressway').run('xcommand Boot')).toEqual({ ok: true, output: 'OK' });
  });

  it('prints help listing both syntaxes', () => {
    const { output, ok } = consoleFor('ucm').run('help');
    expect(ok).toBe(true);
    expect(output).toContain('license smart reservation install "<code>"');
    expect(output).toContain('xcommand License Smart Reservation ReturnAuthorization "<code>"');
  });
});
