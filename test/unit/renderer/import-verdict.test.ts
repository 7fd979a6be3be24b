// One verdict per imported file: taken in, partly refused, refused, or empty — with the counts.
import { describe, expect, it } from 'vitest';
import type { TransferItemDto } from '../../../shared/ipc/dto.ts';
import { importVerdict } from '../../../renderer/lib/import-verdict.ts';

let n = 0;
function item(kind: TransferItemDto['kind'], status: TransferItemDto['status']): TransferItemDto {
  return {
    id: `i${++n}`,
    direction: 'in',
    kind,
    code: `code-${n}`,
    udi: null,
    subject: null,
    label: null,
    createdAt: 0,
    status,
    doneAt: null,
    file: '/media/usb/site.airlock',
    error: status === 'failed' ? { code: 'UDI_MISMATCH', message: '', facts: {} } : null,
  };
}

const file = '/media/usb/site.airlock';

describe('importVerdict', () => {
  it('says a file was taken in whole, applied and waiting apart', () => {
    const v = importVerdict({
      file,
      format: 'airlock',
      items: [item('confirmation', 'applied'), item('request', 'imported')],
    });
    expect(v).toMatchObject({
      file: 'site.airlock',
      verdict: 'ok',
      total: 2,
      applied: 1,
      waiting: 1,
    });
    expect(v.refused).toEqual([]);
  });

  it('says which codes were refused when some were', () => {
    const bad = item('confirmation', 'failed');
    const v = importVerdict({
      file,
      format: 'airlock',
      items: [item('confirmation', 'applied'), bad],
    });
    expect(v.verdict).toBe('partial');
    expect(v.refused).toEqual([bad]);
  });

  it('says a file was refused when nothing in it could be used, and empty when it held nothing', () => {
    expect(
      importVerdict({ file, format: 'plain', items: [item('authorization', 'failed')] }).verdict,
    ).toBe('refused');
    expect(importVerdict({ file, format: 'plain', items: [] }).verdict).toBe('empty');
  });

  it('counts a large file by kind for its summary', () => {
    const items = [
      ...Array.from({ length: 3 }, () => item('request', 'imported')),
      item('return', 'applied'),
    ];
    expect(importVerdict({ file, format: 'airlock', items }).byKind).toEqual([
      { kind: 'request', count: 3 },
      { kind: 'return', count: 1 },
    ]);
  });
});
