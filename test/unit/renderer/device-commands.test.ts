// The exact commands operators type, in each product's syntax.
import { describe, expect, it } from 'vitest';
import { deviceCommand, productOfType } from '../../../renderer/lib/device-commands.ts';

describe('deviceCommand', () => {
  it('gives the CUCM and Expressway install commands with the code in quotes', () => {
    expect(deviceCommand('ucm', 'install', '<specificPLR>…</specificPLR>')).toBe(
      'license smart reservation install "<specificPLR>…</specificPLR>"',
    );
    expect(deviceCommand('expressway', 'install', 'CAVFS8-TQMSHN')).toBe(
      'xcommand License Smart Reservation Install "CAVFS8-TQMSHN"',
    );
  });

  it('puts a code that a terminal wrapped back on one line', () => {
    expect(deviceCommand('ucm', 'returnAuthorization', 'CAVFS8-\n  TQMSHN')).toBe(
      'license smart reservation return-authorization "CAVFS8-TQMSHN"',
    );
  });

  it('knows the enable commands of both syntaxes and IOS-XE requests', () => {
    expect(deviceCommand('expressway', 'enable')).toBe(
      'xconfiguration License Smart ReservationEnable: On',
    );
    expect(deviceCommand('ios-xe', 'request')).toBe('license smart reservation request local');
  });

  it('maps the authority product types', () => {
    expect(productOfType('UCL')).toBe('ucm');
    expect(productOfType('EXPY')).toBe('expressway');
    expect(productOfType('C9300')).toBeNull();
  });
});

describe('deviceCommand on IOS-XE', () => {
  it('says the file way when an XML code cannot be typed inline', () => {
    expect(deviceCommand('ios-xe', 'install', '<specificPLR>…</specificPLR>')).toBe(
      'license smart reservation install file <url>',
    );
    expect(deviceCommand('ios-xe', 'install', 'CAVFS8-TQMSHN')).toBe(
      'license smart reservation install CAVFS8-TQMSHN',
    );
    expect(deviceCommand('ios-xe', 'return')).toBe('license smart reservation return local');
  });

  it('enables reservation in configuration mode, as the guides show', () => {
    expect(deviceCommand('ios-xe', 'enable')).toBe(
      'configure terminal\nlicense smart reservation\nend',
    );
  });

  it('never fails for a code that cannot be quoted: it shows where the code goes', () => {
    expect(deviceCommand('ucm', 'install', 'a"b')).toBe(
      'license smart reservation install "<code>"',
    );
  });
});

describe('deviceCommand for an unused authorization on IOS-XE', () => {
  it('returns an XML code by file, a grouped one inline', () => {
    expect(deviceCommand('ios-xe', 'returnAuthorization', '<specificPLR/>')).toBe(
      'license smart reservation return authorization file <url>',
    );
    expect(deviceCommand('ios-xe', 'returnAuthorization')).toBe(
      'license smart reservation return authorization file <url>',
    );
    expect(deviceCommand('ios-xe', 'returnAuthorization', 'CAVFS8-TQMSHN')).toBe(
      'license smart reservation return authorization CAVFS8-TQMSHN',
    );
  });
});
