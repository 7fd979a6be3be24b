// The add-device form by product, and a refusal from main put under the field it names.
import { describe, expect, it } from 'vitest';
import { IDENTITY, fieldOf } from '../../../renderer/lib/device-form.ts';

const invalid = (field: string) => ({ code: 'UDI_INVALID', message: '', facts: { field } });

describe('IDENTITY', () => {
  it('asks a UCM for its UUID, an Expressway for Host ID and VID, an IOS-XE for nothing more', () => {
    expect(IDENTITY.ucm).toEqual(['uuid']);
    expect(IDENTITY.expressway).toEqual(['vid', 'hostId']);
    expect(IDENTITY['ios-xe']).toEqual([]);
  });
});

describe('fieldOf', () => {
  it('names the field a UDI refusal is about, when the form shows it', () => {
    expect(fieldOf(invalid('uuid'), 'ucm')).toBe('uuid');
    expect(fieldOf(invalid('sn'), 'ios-xe')).toBe('sn');
    expect(fieldOf(invalid('hostId'), 'expressway')).toBe('hostId');
    expect(fieldOf(invalid('hostId'), 'ucm')).toBeNull();
  });

  it('leaves any other refusal where it is', () => {
    expect(fieldOf({ code: 'DEVICE_UDI_EXISTS', message: '', facts: {} }, 'ucm')).toBeNull();
    expect(fieldOf(null, 'ucm')).toBeNull();
  });
});
