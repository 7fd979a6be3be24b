// The site's batch requests and returns go to the devices main takes when a batch names none:
// emulated devices with reservation off or idle (requests), those holding a reservation
// (returns); a long list of them is named in one short line.
import { describe, expect, it } from 'vitest';
import {
  REQUESTABLE,
  REQUEST_WAITING,
  RETURNABLE,
  namePreview,
} from '../../../renderer/lib/batch-devices.ts';

describe('the devices a batch applies to', () => {
  it('asks for request codes from emulated devices with reservation off or on and idle', () => {
    expect(REQUESTABLE).toEqual([
      { kind: 'emulated', waitingFor: 'enable' },
      { kind: 'emulated', waitingFor: 'request' },
    ]);
  });

  it('counts apart the emulated devices whose request code already waits', () => {
    expect(REQUEST_WAITING).toEqual({ kind: 'emulated', waitingFor: 'authorization' });
  });

  it('returns the reservations of emulated devices only, never an external one', () => {
    expect(RETURNABLE).toEqual({ kind: 'emulated', waitingFor: 'nothing' });
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

  it('counts the rows main did not send: the first names of 10,000 and 9,995 more', () => {
    expect(namePreview(names(90), 5, 10_000)).toEqual({ shown: names(5), more: 9_995 });
    // Six in all but only five at hand: the five and "1 more", never a name it does not have.
    expect(namePreview(names(5), 5, 6)).toEqual({ shown: names(5), more: 1 });
  });
});
