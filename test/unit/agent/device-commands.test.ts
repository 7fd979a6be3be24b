import { describe, expect, it } from 'vitest';
import { deviceCommand } from '../../../shared/agent/device-commands.ts';
import { ExternalDevice } from '../../../shared/agent/external-device.ts';
import { createExternalDeviceState } from '../../../shared/agent/external-device-state.ts';
import { TestClock, hasher } from '../../support/ports.ts';
import { refusal } from '../../support/agent.ts';

describe('the command to paste', () => {
  const xml = '<specificPLR><authorizationCode>…</authorizationCode></specificPLR>';
  const grouped = 'CAVFS8-TQMSHN-NTIOQO';

  it('is the CUCM CLI for CUCM', () => {
    const c = (a: Parameters<typeof deviceCommand>[1], args = {}) => deviceCommand('cucm', a, args);
    expect(c('enable')).toBe('license smart reservation enable');
    expect(c('disable')).toBe('license smart reservation disable');
    expect(c('request')).toBe('license smart reservation request');
    expect(c('request-plr')).toBe('license smart reservation request');
    expect(c('cancel')).toBe('license smart reservation cancel');
    expect(c('install', { code: ` "${xml}\r\n" ` })).toBe(
      `license smart reservation install "${xml}"`,
    );
    expect(c('install-file', { fileUrl: 'sftp://10.1.1.1:22/auth.txt' })).toBe(
      'license smart reservation install-file sftp://10.1.1.1:22/auth.txt',
    );
    expect(c('return')).toBe('license smart reservation return');
    expect(c('return-authorization', { code: grouped })).toBe(
      `license smart reservation return-authorization "${grouped}"`,
    );
    expect(c('show-status')).toBe('show license all');
    expect(c('show-udi')).toBe('show license udi');
  });

  it('is xcommand / xconfiguration for Expressway, which has no install-file', () => {
    const x = (a: Parameters<typeof deviceCommand>[1], args = {}) =>
      deviceCommand('expressway', a, args);
    expect(x('enable')).toBe('xconfiguration License Smart ReservationEnable: On');
    expect(x('disable')).toBe('xconfiguration License Smart ReservationEnable: Off');
    expect(x('request')).toBe('xcommand License Smart Reservation Request');
    expect(x('cancel')).toBe('xcommand License Smart Reservation Cancel');
    expect(x('install', { code: grouped })).toBe(
      `xcommand License Smart Reservation Install "${grouped}"`,
    );
    expect(x('return')).toBe('xcommand License Smart Reservation Return');
    expect(x('return-authorization', { code: grouped })).toBe(
      `xcommand License Smart Reservation ReturnAuthorization "${grouped}"`,
    );
    expect(x('show-status')).toBe('xstatus License');
    expect(refusal(() => x('install-file', { fileUrl: 'sftp://h/f' })).code).toBe(
      'COMMAND_NOT_AVAILABLE',
    );
  });

  it('is the IOS-XE CLI for IOS-XE, with XML codes installed from a file', () => {
    const i = (a: Parameters<typeof deviceCommand>[1], args = {}) =>
      deviceCommand('ios-xe', a, args);
    expect(i('enable')).toBe('configure terminal\nlicense smart reservation\nend');
    expect(i('disable')).toBe('configure terminal\nno license smart reservation\nend');
    expect(i('request')).toBe('license smart reservation request local');
    expect(i('request-plr')).toBe('license smart reservation request universal');
    expect(i('cancel')).toBe('license smart reservation cancel');
    expect(i('install', { code: grouped })).toBe(`license smart reservation install ${grouped}`);
    expect(i('install-file', { fileUrl: 'tftp://10.1.1.1/auth.txt' })).toBe(
      'license smart reservation install file tftp://10.1.1.1/auth.txt',
    );
    expect(refusal(() => i('install', { code: xml })).code).toBe('COMMAND_NEEDS_FILE_URL');
    expect(i('return')).toBe('license smart reservation return local');
    expect(i('return-authorization', { code: grouped })).toBe(
      `license smart reservation return authorization ${grouped}`,
    );
    expect(i('show-status')).toBe('show license status');
  });

  it('needs a code for install', () => {
    expect(refusal(() => deviceCommand('cucm', 'install')).code).toBe('COMMAND_NEEDS_CODE');
  });

  it('the ledger proposes enable then request for a new device', () => {
    const clock = new TestClock();
    const udi = { pid: 'C9300-24UX', sn: 'FCW2134L0RN' };
    const state = createExternalDeviceState({ udi, platform: 'ios-xe', now: clock.now() });
    const device = new ExternalDevice(state, { clock, hasher });
    expect(device.status()).toEqual({
      stage: 'new',
      waitingFor: 'request-code',
      commands: [
        'configure terminal\nlicense smart reservation\nend',
        'license smart reservation request local',
      ],
      notes: [],
    });
    expect(device.commandFor('return')).toBe('license smart reservation return local');
  });
});
