// The site's batch requests and returns go to the devices main offers them for (its nextActions),
// minus what the operator left out, and a long list of them is named in one short line.
import { describe, expect, it } from 'vitest';
import type { DeviceFlow, DeviceRowDto } from '../../../shared/ipc/dto.ts';
import {
  chosen,
  namePreview,
  requestWaiting,
  requestable,
  returnable,
} from '../../../renderer/lib/batch-devices.ts';

type Row = Pick<DeviceRowDto, 'id' | 'kind' | 'nextActions' | 'pendingRequestCode'>;

const device = (id: string, nextActions: DeviceFlow[], extra: Partial<Row> = {}): Row => ({
  id,
  kind: 'emulated',
  nextActions,
  pendingRequestCode: null,
  ...extra,
});

const fresh = device('fresh', ['reserve']);
const pending = device('pending', ['reserve', 'returnUnused'], { pendingRequestCode: 'CB-PUCM' });
const reserved = device('reserved', ['update', 'return', 'returnUnused']);
const installing = device('installing', ['install', 'cancel', 'returnUnused'], {
  pendingRequestCode: 'CB-PUCM,S2',
});
const externalNew = device('external-new', ['reserve'], { kind: 'external' });
const externalInstalled = device('external-installed', ['update', 'return'], { kind: 'external' });
const all = [fresh, pending, reserved, installing, externalNew, externalInstalled];

describe('batch requests and returns', () => {
  it('requests codes for emulated devices offered a reservation with no request waiting', () => {
    expect(requestable(all).map((d) => d.id)).toEqual(['fresh']);
  });

  it('counts the emulated devices whose request code already waits', () => {
    expect(requestWaiting(all).map((d) => d.id)).toEqual(['pending', 'installing']);
  });

  it('returns the reservations of emulated devices offered a return, never an external one', () => {
    expect(returnable(all).map((d) => d.id)).toEqual(['reserved']);
  });

  it('keeps every device but those left out, in the order shown', () => {
    const rows = [device('a', []), device('b', []), device('c', [])];
    expect(chosen(rows, new Set()).map((d) => d.id)).toEqual(['a', 'b', 'c']);
    expect(chosen(rows, new Set(['b', 'gone'])).map((d) => d.id)).toEqual(['a', 'c']);
  });
});

describe('namePreview', () => {
  const names = (count: number) => Array.from({ length: count }, (_, i) => `cucm-${i + 1}`);

  it('names a short list in full', () => {
    expect(namePreview(names(3))).toEqual({ shown: names(3), more: 0 });
    expect(namePreview([])).toEqual({ shown: [], more: 0 });
  });

  it('names the first five of a long list and counts the rest', () => {
    expect(namePreview(names(1000))).toEqual({ shown: names(5), more: 995 });
  });

  it('names all six rather than "and 1 more"', () => {
    expect(namePreview(names(6))).toEqual({ shown: names(6), more: 0 });
    expect(namePreview(names(7), 5).more).toBe(2);
  });
});
