// What a script reads back: the audit log as the event list shows it (`audit list`, and the
// desk's `authority events`), every entry across pages, filtered and limited; the instances
// list filtered by state and search; and output into a closed pipe or onto a full disk.

import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TAGS } from '../../support/agent.ts';
import { Operator, ROOT, ensureCliBuilt } from '../support/cli.ts';
import { removeTempDirs, tempDir } from '../support/temp-dirs.ts';

const PASSPHRASE = 'the passphrase of the listing desk';
/** More devices than one page of the log holds (1,000), so listing all of it reads pages. */
const DEVICES = 1_100;

interface Event {
  id: number;
  time: number;
  type: string;
  instanceId?: string;
  udi?: string;
}
interface Instance {
  id: string;
  udi: string;
  state: string;
}

let home: string;
let desk: Operator;
let site: Operator;

function deviceList(count: number): string {
  const rows = ['name,product,pid,sn,uuid'];
  for (let n = 1; n <= count; n++)
    rows.push(`node-${n},ucm,UCM,L${n},${n.toString(16).padStart(8, '0')}${'beef'.repeat(6)}`);
  return `${rows.join('\n')}\n`;
}

beforeAll(() => {
  ensureCliBuilt();
  home = tempDir('cli-lists');
  desk = new Operator(join(home, 'desk'), home, { env: { AIRLOCK_PASSPHRASE: PASSPHRASE } });
  site = new Operator(join(home, 'site'), home);
  desk.json('authority', 'init', '--name', 'Listing desk');
  desk.json('authority', 'va', 'add', 'Lab');
  desk.json('authority', 'catalog', 'load', 'ucm', '--va', 'Lab', '--count', '10');
  desk.json('authority', 'trust', 'export', 'trust.json');
  site.json('site', 'init', '--name', 'Listing site', '--trust', 'trust.json');
  writeFileSync(join(home, 'devices.csv'), deviceList(DEVICES));
  site.json('site', 'device', 'import', 'devices.csv');
  // Two reservations at the desk, one of them confirmed.
  site.json(
    'site',
    'request',
    '--device',
    'dev-1',
    '--device',
    'dev-2',
    '--out',
    'requests.airlock',
  );
  desk.json(
    'authority', 'reserve', '--batch', 'requests.airlock', '--va', 'Lab',
    '--license', `${TAGS.enhanced}=1`, '--out', 'auth.airlock',
  ); // prettier-ignore
  site.json('site', 'install', '--batch', 'auth.airlock', '--out', 'confirm.airlock');
}, 120_000);
afterAll(removeTempDirs);

describe('airlock audit list', () => {
  it('lists every entry of the log, newest first, once each, across pages', () => {
    const { events } = site.json<{ events: Event[] }>('audit', 'list');
    const { entries } = site.json<{ entries: number }>('audit', 'verify');
    expect(events).toHaveLength(entries);
    expect(entries).toBeGreaterThan(DEVICES);
    const ids = events.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.at(-1)).toBe(1);
    expect(events.filter((e) => e.type === 'device-added')).toHaveLength(DEVICES);
  });

  it('filters by kind and by subject, and keeps the newest when limited', () => {
    const added = site.json<{ events: Event[] }>('audit', 'list', '--type', 'device-added');
    expect(added.events).toHaveLength(DEVICES);
    expect(added.events[0]).toMatchObject({ type: 'device-added', instanceId: `dev-${DEVICES}` });

    const newest = site.json<{ events: Event[] }>('audit', 'list', '--limit', '3');
    const all = site.json<{ events: Event[] }>('audit', 'list');
    expect(newest.events).toEqual(all.events.slice(0, 3));

    const one = site.json<{ events: Event[] }>('audit', 'list', '--subject', 'dev-2');
    expect(one.events.length).toBeGreaterThan(1);
    for (const e of one.events) expect(e.instanceId).toBe('dev-2');
    expect(one.events.map((e) => e.type)).toContain('device-added');
  });

  it('prints one line per entry as text, and refuses a limit that is not a count', () => {
    const text = site.run('audit', 'list', '--limit', '2');
    expect(text.status).toBe(0);
    const lines = text.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z {2}[a-z-]+ {2}\S+$/);

    const refused = site.refused('audit', 'list', '--limit', '0x10');
    expect(refused.status).toBe(2);
    expect(refused.error.code).toBe('CLI_NOT_A_COUNT');
  });

  it('is what `authority events` lists at the desk, with the same options', () => {
    const events = desk.json<{ events: Event[] }>('authority', 'events');
    expect(desk.json('audit', 'list')).toEqual(events);
    const reserved = desk.json<{ events: Event[] }>('authority', 'events', '--type', 'reserved');
    expect(reserved.events).toHaveLength(2);
    const instance = reserved.events[0]!.instanceId!;
    const its = desk.json<{ events: Event[] }>('authority', 'events', '--subject', instance);
    expect(its.events.map((e) => e.type)).toContain('authorization-code-issued');
    for (const e of its.events) expect(e.instanceId).toBe(instance);
  });
});

describe('airlock authority instance list', () => {
  it('filters by state and by part of the UDI', () => {
    const { instances } = desk.json<{ instances: Instance[] }>('authority', 'instance', 'list');
    expect(instances).toHaveLength(2);
    const notConfirmed = desk.json<{ instances: Instance[] }>(
      'authority', 'instance', 'list', '--state', 'not-confirmed',
    ); // prettier-ignore
    expect(notConfirmed.instances).toHaveLength(2);

    desk.json('authority', 'confirm', '--batch', 'confirm.airlock');
    const still = desk.json<{ instances: Instance[] }>(
      'authority', 'instance', 'list', '--state', 'not-confirmed',
    ); // prettier-ignore
    expect(still.instances).toEqual([]);
    const reserved = desk.json<{ instances: Instance[] }>(
      'authority', 'instance', 'list', '--state', 'reserved',
    ); // prettier-ignore
    expect(reserved.instances.map((i) => i.id).sort()).toEqual(instances.map((i) => i.id).sort());

    const second = desk.json<{ instances: Instance[] }>(
      'authority', 'instance', 'list', '--search', 'S:L2,',
    ); // prettier-ignore
    expect(second.instances).toHaveLength(1);
    expect(second.instances[0]!.udi).toContain('S:L2,');
  });

  it('refuses a state it does not know, as a usage error', () => {
    const refused = desk.refused('authority', 'instance', 'list', '--state', 'pending');
    expect(refused.status).toBe(2);
    expect(refused.error.message).toContain('not-confirmed');
  });
});

describe('output a script cannot take', () => {
  const bash = (script: string) =>
    spawnSync('bash', ['--norc', '--noprofile', '-c', script], {
      cwd: home,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, AIRLOCK: join(ROOT, 'bin', 'airlock.cjs'), DATA: site.data },
    });

  it('stops quietly when the reader of its output has gone (| head)', () => {
    const run = bash(
      'node "$AIRLOCK" --data "$DATA" audit list | head -n 1; echo "status ${PIPESTATUS[0]}"',
    );
    expect(run.stdout).toMatch(/^\S+ {2}[a-z-]+ {2}\S+\nstatus 0\n$/);
    expect(run.stderr).toBe('');
  });

  it('says so, and exits 1, when its output cannot be written (a full disk)', () => {
    const run = bash('node "$AIRLOCK" --data "$DATA" audit list > /dev/full; echo "status $?"');
    expect(run.stdout).toBe('status 1\n');
    expect(run.stderr).toContain('the output could not be written (ENOSPC)');
  });
});

describe('--license NAME=N', () => {
  interface Row {
    tag: string;
    displayName: string;
    purchased: number;
  }
  const spare = () =>
    desk.json<{ licenses: Row[] }>('authority', 'license', 'list', '--va', 'Spare').licenses;

  it('takes the name license list shows (display or short name, any case) as well as the tag', () => {
    desk.json('authority', 'va', 'add', 'Spare');
    const text = desk.run('authority', 'license', 'list', '--va', 'Lab').stdout;
    expect(text).toMatch(/UC Manager Basic License \(12\.x\) .* UCM_Basic,12\.0\n/);

    desk.json('authority', 'license', 'move', '--from', 'Lab', '--to', 'Spare',
      '--license', 'UC Manager Basic License (12.x)=1', '--license', 'ucm_basic=1',
      '--license', 'UCM_Enhanced,14.0=2'); // prettier-ignore
    const moved = Object.fromEntries(spare().map((r) => [r.displayName, r.purchased]));
    expect(moved).toEqual({
      'UC Manager Basic License (12.x)': 2,
      'UC Manager Enhanced License (14)': 2,
    });
  });

  it('refuses a name that fits two releases (exit 2) and names one that fits none', () => {
    const before = {
      lab: desk.json('authority', 'license', 'list', '--va', 'Lab'),
      spare: spare(),
    };
    const ambiguous = desk.refused('authority', 'license', 'move', '--from', 'Lab', '--to',
      'Spare', '--license', 'UCM_Enhanced=1'); // prettier-ignore
    expect(ambiguous.status).toBe(2);
    expect(ambiguous.error.message).toContain('UCM_Enhanced,12.0, UCM_Enhanced,14.0');
    const unknown = desk.refused('authority', 'license', 'move', '--from', 'Lab', '--to',
      'Spare', '--license', 'UCM_Nothing=1'); // prettier-ignore
    expect(unknown).toMatchObject({ status: 1, error: { code: 'LICENSE_NOT_FOUND' } });
    expect(unknown.error.message).toContain('“UCM_Nothing”');
    // Refused, both moved nothing.
    expect(desk.json('authority', 'license', 'list', '--va', 'Lab')).toEqual(before.lab);
    expect(spare()).toEqual(before.spare);
  });
});

describe('names that would print as something else', () => {
  it('refuses a line break, a control character or a direction mark in a name', () => {
    const vasBefore = desk.json('authority', 'va', 'list');
    const devicesBefore = site.json('site', 'device', 'list');
    for (const bad of ['Lab\nFrom: Evil desk', 'La\tb', 'Lab\u202e', 'L\u001bab']) {
      const refused = desk.refused('authority', 'va', 'add', bad);
      expect(refused).toMatchObject({ status: 2, error: { code: 'IPC_INVALID_REQUEST' } });
    }
    const udi = ['--pid', 'UCM', '--sn', 'N1', '--uuid', '0c0ffee0-8fe1-4ce7-9e6f-bbc68a3edb99'];
    expect(site.refused('site', 'device', 'add', ...udi, '--name', 'a\u2066b').status).toBe(2);
    writeFileSync(
      join(home, 'names.csv'),
      'name,product,pid,sn,uuid\n"a\u0007b",ucm,UCM,N2,0000000acafecafecafecafecafecafe\n',
    );
    const rows = site.run('--json', 'site', 'device', 'import', 'names.csv', '--dry-run');
    expect(rows.status).toBe(1);
    expect(rows.stdout).toContain('DEVICE_LIST_FIELD_UNSHOWABLE');
    // Nothing was added on either side.
    expect(desk.json('authority', 'va', 'list')).toEqual(vasBefore);
    expect(site.json('site', 'device', 'list')).toEqual(devicesBefore);
    // A name in any script is a name.
    desk.json('authority', 'va', 'add', '検証 Лаб مختبر');
  });
});
