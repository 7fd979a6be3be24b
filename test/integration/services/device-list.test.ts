// Reading a site's device list (CSV): each row on its own, the file as a whole refused when its
// header or its quoting is wrong.

import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../shared/errors.ts';
import { DEVICE_LIST_MAX_ROWS, readDeviceList } from '../../../electron/services/device-list.ts';

function refusal(text: string): DomainError {
  try {
    readDeviceList(text);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('the list was accepted');
}

const rows = (text: string) =>
  readDeviceList(text).map((r) => ({
    line: r.line,
    device: r.device,
    error: r.error && { code: r.error.code, ...r.error.facts },
  }));

describe('a device list', () => {
  it('reads every field, in any column order, with line numbers counting the header as 1', () => {
    const text = [
      'uuid,SN,pid,Product,name,external,vid,Host-ID',
      'd9a2c661-8fe1-4ce7-9e6f-bbc68a3edb16,edb16,UCM,ucm,cucm-a,,,',
      '',
      ',0B070519,Expressway,Expressway,"expwy, edge",no,1.0,320aa69d',
      ',FCW2134L0RN,C9300-24UX,ios-xe,core,YES,,',
    ].join('\r\n');
    expect(rows(text)).toEqual([
      {
        line: 2,
        device: {
          external: false,
          product: 'ucm',
          name: 'cucm-a',
          pid: 'UCM',
          sn: 'edb16',
          uuid: 'd9a2c661-8fe1-4ce7-9e6f-bbc68a3edb16',
        },
        error: undefined,
      },
      {
        line: 4,
        device: {
          external: false,
          product: 'expressway',
          name: 'expwy, edge',
          pid: 'Expressway',
          sn: '0B070519',
          vid: '1.0',
          hostId: '320aa69d',
        },
        error: undefined,
      },
      {
        line: 5,
        device: {
          external: true,
          product: 'ios-xe',
          name: 'core',
          pid: 'C9300-24UX',
          sn: 'FCW2134L0RN',
        },
        error: undefined,
      },
    ]);
  });

  it('takes semicolons or tabs as spreadsheets in other locales write them, and a byte-order mark', () => {
    for (const text of ['\ufeffproduct;pid;sn\nucm;UCM;a1\n', 'product\tpid\tsn\nucm\tUCM\ta1\n']) {
      expect(rows(text).map((r) => r.device)).toEqual([
        { external: false, product: 'ucm', pid: 'UCM', sn: 'a1' },
      ]);
    }
  });

  it('says what is wrong with each bad row and keeps reading the others', () => {
    const text = [
      'product,pid,sn,external,name',
      'phone,UCM,a1,,',
      'ucm,UCM,a2,maybe,',
      'ucm,,a3,,',
      `ucm,UCM,${'x'.repeat(41)},,`,
      'ucm,UCM,a5,,ok',
    ].join('\n');
    expect(rows(text).map((r) => [r.line, r.error])).toEqual([
      [2, { code: 'DEVICE_LIST_PRODUCT', value: 'phone' }],
      [3, { code: 'DEVICE_LIST_EXTERNAL', value: 'maybe' }],
      [4, { code: 'DEVICE_LIST_FIELD_MISSING', column: 'pid' }],
      [5, { code: 'DEVICE_LIST_FIELD_TOO_LONG', column: 'sn', max: 40 }],
      [6, undefined],
    ]);
  });

  it.each([
    ['nothing at all', '', 'DEVICE_LIST_EMPTY', {}],
    ['a header and no rows', 'product,pid,sn\n', 'DEVICE_LIST_EMPTY', {}],
    ['no sn column', 'product,pid\nucm,UCM\n', 'DEVICE_LIST_COLUMN_MISSING', { column: 'sn' }],
    [
      'an unknown column',
      'product,pid,sn,rack\nucm,UCM,a,3\n',
      'DEVICE_LIST_COLUMN_UNKNOWN',
      { column: 'rack' },
    ],
    [
      'a column twice',
      'product,pid,sn,SN\nucm,UCM,a,b\n',
      'DEVICE_LIST_COLUMN_REPEATED',
      { column: 'sn' },
    ],
    ['an unclosed quote', 'product,pid,sn\nucm,"UCM,a\n', 'DEVICE_LIST_UNREADABLE', { line: 2 }],
    [
      'a row with a field too many',
      'product,pid,sn\nucm,UCM,a\nucm,UCM,b,c\n',
      'DEVICE_LIST_UNREADABLE',
      { line: 3, reason: 'cells', found: 4, expected: 3 },
    ],
    [
      'a row with a field too few',
      'product,pid,sn\nucm,UCM\n',
      'DEVICE_LIST_UNREADABLE',
      { line: 2, reason: 'cells', found: 2, expected: 3 },
    ],
  ])('refuses %s as a whole', (_, text, code, facts) => {
    const error = refusal(text);
    expect(error.code).toBe(code);
    expect(error.facts).toEqual(facts);
  });

  it(`refuses more than ${DEVICE_LIST_MAX_ROWS} devices rather than read part of them`, () => {
    const many = Array.from({ length: DEVICE_LIST_MAX_ROWS + 1 }, (_, i) => `ucm,UCM,S${i}`);
    expect(refusal(['product,pid,sn', ...many].join('\n')).code).toBe('DEVICE_LIST_TOO_LONG');
    expect(readDeviceList(['product,pid,sn', ...many.slice(1)].join('\n'))).toHaveLength(
      DEVICE_LIST_MAX_ROWS,
    );
  });
});
