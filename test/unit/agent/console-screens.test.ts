import { describe, expect, it } from 'vitest';
import { executeCommand } from '../../../shared/agent/console/execute-command.ts';
import { decodeRequestCode } from '../../../shared/codes/request-code.ts';
import { entitlement } from '../../support/codes.ts';
import { TAGS, makeDevice, slrCode } from '../../support/agent.ts';

function consoleFor(product: 'ucm' | 'expressway') {
  const device = makeDevice(product);
  return { ...device, run: (line: string) => executeCommand(device.agent, line) };
}

describe('status screens', () => {
  function reservedConsole() {
    const c = consoleFor('ucm');
    c.run('license smart reservation enable');
    const nonce = decodeRequestCode(c.run('license smart reservation request').requestCode!).nonce;
    const issued = slrCode({
      udi: c.udi,
      nonce,
      entitlements: [
        entitlement({ tag: TAGS.enhanced, count: 4 }),
        entitlement({
          tag: TAGS.cuwl,
          count: 1,
          displayName: 'UC Manager CUWL License (12.x)',
          description: 'UC Manager CUWL License',
          licenseType: 'TERM',
          endDate: '2026-12-31',
        }),
      ],
    });
    c.run(`license smart reservation install "${issued.text}"`);
    c.agent.setUsage(TAGS.enhanced, 5);
    return { ...c, issued };
  }

  it('show license udi prints the UDI as the device does', () => {
    expect(consoleFor('ucm').run('show license udi')).toEqual({
      ok: true,
      output: 'UDI: PID:UCM,SN:edb16,UUID:d9a2c6618fe14ce79e6fbbc68a3edb16',
    });
  });

  it('show license all follows the Smart Licensing Status block', () => {
    const { run, issued } = reservedConsole();
    const { output } = run('show license all');
    expect(output).toBe(
      [
        'Smart Licensing Status',
        '======================',
        '',
        'Smart Software Licensing: The system is operating with an insufficient number of licenses. Configure additional licenses in Smart Software Manager within 90 days to avoid losing the ability to provision users and devices.',
        '',
        'Smart Licensing is ENABLED',
        'License Reservation is ENABLED',
        '',
        'Registration:',
        '  Status: Registered - Specific License Reservation',
        '  Export-Controlled Functionality: Not Allowed',
        '  Reservation installed on Jan 15 09:00:00 2026 UTC',
        `  Last Confirmation code: ${issued.confirmationCode}`,
        '  Last return code: None',
        '',
        'License Authorization:',
        '  Status: Out of Compliance',
        '',
        'Evaluation Period:',
        '  Evaluation Mode: Not In Use',
        '  Evaluation Period Remaining: 90 days, 0 hr, 0 min',
        '',
        'Overage Period:',
        '  Overage Mode: In Use',
        '  Overage Period Remaining: 90 days, 0 hr, 0 min',
        '',
        'Alarms:',
        '  OUT_OF_COMPLIANCE (major) since Jan 15 09:00:00 2026 UTC: overageRemainingDays=90',
        '',
        'License Usage',
        '=============',
        '',
        'License Authorization Status: Out of Compliance',
        '',
        `UC Manager Enhanced License (12.x) (${TAGS.enhanced}):`,
        '  Description: UC Manager Enhanced License',
        '  Count: 5',
        '  Reserved: 4',
        '  Version: 12.0',
        '  Status: OutOfCompliance',
        '',
        `UC Manager CUWL License (12.x) (${TAGS.cuwl}):`,
        '  Description: UC Manager CUWL License',
        '  Count: 0',
        '  Reserved: 1',
        '  Version: 12.0',
        '  Status: Init',
        '  End Date: 2026-Dec-31 UTC',
        '',
        'Product Information',
        '===================',
        '',
        'UDI: PID:UCM,SN:edb16,UUID:d9a2c6618fe14ce79e6fbbc68a3edb16',
        '',
        'Agent Version',
        '=============',
        '',
        'Smart Agent for Licensing: 1.3.4 (emulated by Airlock)',
      ].join('\n'),
    );
  });

  it('show license status and usage print their parts', () => {
    const { run } = reservedConsole();
    expect(run('show license status').output).toContain(
      '  Status: Registered - Specific License Reservation',
    );
    expect(run('show license status').output).not.toContain('License Usage');
    expect(run('show license usage').output).toMatch(/^License Usage\n=============\n/);
  });

  it('shows the pending request code and an expired evaluation', () => {
    const c = consoleFor('ucm');
    c.agent.setUsage(TAGS.enhanced, 1);
    c.clock.advanceDays(100);
    c.run('license smart reservation enable');
    const { requestCode } = c.run('license smart reservation request');
    const out = c.run('show license status').output;
    expect(out).toContain(`  Reservation Request Code: ${requestCode}`);
    expect(out).toContain('  Status: Evaluation Expired');
    expect(out).toContain('  EVALUATION PERIOD EXPIRED on Apr 15 09:00:00 2026 UTC');
    expect(out).toContain('  EVALUATION_EXPIRED (major) since Apr 15 09:00:00 2026 UTC');
  });

  it('xstatus License prints the Expressway status tree', () => {
    const c = consoleFor('expressway');
    c.run('xconfiguration License Smart ReservationEnable: On');
    const { requestCode } = c.run('xcommand License Smart Reservation Request');
    const { output } = c.run('xstatus License');
    expect(output.split('\n').slice(0, 12)).toEqual([
      '*s License: /',
      '    Smart: /',
      '        UDI: "PID:Expressway,SN:08F8FF3C,VID:1.0,HID:320aa69d"',
      '        Reservation: /',
      '            Enabled: On',
      '            Type: ""',
      `            RequestCode: "${requestCode}"`,
      '            LastConfirmationCode: ""',
      '            LastReturnCode: ""',
      '        RegistrationStatus: "Reservation In Progress"',
      '        AuthorizationStatus: "No Licenses in Use"',
      '        ExportControlledFunctionality: "Not Allowed"',
    ]);
    expect(output.endsWith('*s/end\n\nOK')).toBe(true);
  });

  it('prints the stopped licenses when Expressway restarts after a TERM end date', () => {
    const c = consoleFor('expressway');
    c.run('xconfiguration License Smart ReservationEnable: On');
    const nonce = decodeRequestCode(
      c.run('xcommand License Smart Reservation Request').requestCode!,
    ).nonce;
    const term = entitlement({ tag: TAGS.rms, licenseType: 'TERM', endDate: '2026-01-20' });
    c.run(
      `xcommand License Smart Reservation Install "${slrCode({ udi: c.udi, nonce, entitlements: [term] }).text}"`,
    );
    c.clock.ms = Date.UTC(2026, 1, 1);
    expect(c.run('xcommand Boot').output).toBe(
      `OK\nAlarm: license ${TAGS.rms} has expired; its features are stopped.`,
    );
  });
});
