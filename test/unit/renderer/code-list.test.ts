// Batch input: request codes read from whatever list an operator brings.
import { describe, expect, it } from 'vitest';
import {
  BATCH_MAX_CALLS,
  batchChunks,
  chunks,
  isTransferFile,
  splitRequestCodes,
} from '../../../renderer/lib/code-list.ts';

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

describe('chunks', () => {
  it('splits work into batches for progress', () => {
    expect(chunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  });
});

describe('batchChunks', () => {
  const sizes = (n: number) =>
    batchChunks(Array.from({ length: n }, (_, i) => i)).map((c) => c.length);

  it('never makes more calls than BATCH_MAX_CALLS, however long the batch (each call is a save)', () => {
    expect(sizes(10_000)).toEqual([2000, 2000, 2000, 2000, 2000]);
    expect(sizes(10_001)).toHaveLength(BATCH_MAX_CALLS);
    expect(sizes(99_999).length).toBeLessThanOrEqual(BATCH_MAX_CALLS);
  });

  it('keeps small batches in visible steps of 25, and every item exactly once', () => {
    expect(sizes(60)).toEqual([25, 25, 10]);
    expect(sizes(20)).toEqual([20]);
    expect(sizes(0)).toEqual([]);
    const items = Array.from({ length: 1234 }, (_, i) => i);
    expect(batchChunks(items).flat()).toEqual(items);
  });
});
