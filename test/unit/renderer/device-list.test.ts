// The add-many screen only counts what main answered about a device list, and keeps text main
// would refuse for its size from being sent.
import { describe, expect, it } from 'vitest';
import type { DeviceListRowDto } from '../../../shared/ipc/dto.ts';
import {
  LIST_EXAMPLE,
  MAX_LIST_CHARS,
  listCounts,
  listTooLarge,
  refusedRows,
} from '../../../renderer/lib/device-list.ts';

const row = (line: number, ok: boolean): DeviceListRowDto => ({
  line,
  name: `dev-${line}`,
  product: 'ucm',
  external: false,
  udi: ok ? `P:UCM,S:${line}` : null,
  ok,
  ...(ok ? {} : { error: { code: 'DEVICE_LIST_PRODUCT', message: '', facts: { value: 'x' } } }),
});

describe('device list', () => {
  it('counts the rows main found ready and the rows it refused', () => {
    const rows = [row(2, true), row(3, false), row(4, true), row(5, false), row(6, false)];
    expect(listCounts(rows)).toEqual({ ready: 2, refused: 3 });
    expect(listCounts([])).toEqual({ ready: 0, refused: 0 });
  });

  it('lists the refused rows in file order', () => {
    const rows = [row(2, true), row(3, false), row(4, true), row(5, false)];
    expect(refusedRows(rows).map((r) => r.line)).toEqual([3, 5]);
  });

  it('holds back text longer than main accepts, and nothing shorter', () => {
    expect(listTooLarge('x'.repeat(MAX_LIST_CHARS))).toBe(false);
    expect(listTooLarge('x'.repeat(MAX_LIST_CHARS + 1))).toBe(true);
  });

  it('shows an example with every column and one device', () => {
    const [header, device, extra] = LIST_EXAMPLE.split('\n');
    expect(header!.split(',')).toEqual(
      expect.arrayContaining(['product', 'pid', 'sn', 'name', 'vid', 'hostId', 'uuid', 'external']),
    );
    expect(device!.split(',')).toHaveLength(header!.split(',').length);
    expect(extra).toBeUndefined();
  });
});
