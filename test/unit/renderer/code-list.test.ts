// Batch input: request codes read from whatever list an operator brings.
import { describe, expect, it } from 'vitest';
import { isTransferFile, splitRequestCodes } from '../../../renderer/lib/code-list.ts';

describe('splitRequestCodes', () => {
  it('reads one code per line, skipping blanks, comments and duplicates', () => {
    const text =
      '# site B\r\nCB-PUCM,S1-AAAA-BB\n\n  "CB-PExpressway,S2,V1.0-CCCC-DD"  \nCB-PUCM,S1-AAAA-BB\nhello';
    expect(splitRequestCodes(text)).toEqual([
      'CB-PUCM,S1-AAAA-BB',
      'CB-PExpressway,S2,V1.0-CCCC-DD',
    ]);
  });

  it('reads spreadsheet cells separated by tabs or semicolons', () => {
    expect(splitRequestCodes('cucm-1\tCB-PUCM,S1-AAAA-BB\ncucm-2;CB-PUCM,S2-CCCC-DD')).toEqual([
      'CB-PUCM,S1-AAAA-BB',
      'CB-PUCM,S2-CCCC-DD',
    ]);
  });
});

describe('isTransferFile', () => {
  it('recognises the Airlock header, even after a byte-order mark', () => {
    expect(isTransferFile('\uFEFFAIRLOCK TRANSFER FILE 1\n')).toBe(true);
    expect(isTransferFile('CB-PUCM,S1-AAAA-BB')).toBe(false);
  });
});
