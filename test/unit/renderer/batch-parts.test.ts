// A batch goes out in at most five calls; the results come back as one list numbered across the
// whole batch, progress is reported after each call, and the first failing call stops the rest.
import { describe, expect, it } from 'vitest';
import type { BatchItemDto, ErrorDto } from '../../../shared/ipc/dto.ts';
import { type BatchProgress, sendInParts } from '../../../renderer/lib/batch-parts.ts';

const ids = (count: number) => Array.from({ length: count }, (_, i) => `dev-${i}`);
const answer = (part: string[], outboxCount: number) => ({
  ok: true as const,
  value: {
    items: part.map((id, index): BatchItemDto => ({ index, ok: true, instanceId: id })),
    outboxCount,
  },
});

describe('sendInParts', () => {
  it('sends 60 devices in three calls and numbers the results across them', async () => {
    const sent: string[][] = [];
    const seen: BatchProgress[] = [];
    const error = await sendInParts(
      ids(60),
      async (part) => (sent.push(part), answer(part, sent.flat().length)),
      (p) => seen.push(p),
    );
    expect(error).toBeNull();
    expect(sent.map((p) => p.length)).toEqual([25, 25, 10]);
    expect(seen.map((p) => p.done)).toEqual([25, 50, 60]);
    const last = seen.at(-1)!;
    expect(last.outboxCount).toBe(60);
    expect(last.items.map((i) => i.index)).toEqual([...Array(60).keys()]);
    expect(last.items.map((i) => i.instanceId)).toEqual(ids(60));
  });

  it('never makes more than five calls', async () => {
    let calls = 0;
    await sendInParts(
      ids(10_000),
      async (part) => (calls++, answer(part, 0)),
      () => {},
    );
    expect(calls).toBe(5);
  });

  it('stops at the first refused call and returns its error, keeping what was done', async () => {
    const refused: ErrorDto = { code: 'WORKSPACE_LOCKED', message: '', facts: {} };
    const seen: BatchProgress[] = [];
    let calls = 0;
    const error = await sendInParts(
      ids(60),
      async (part) => (++calls === 2 ? { ok: false, error: refused } : answer(part, calls)),
      (p) => seen.push(p),
    );
    expect(error).toBe(refused);
    expect(calls).toBe(2);
    expect(seen.map((p) => p.done)).toEqual([25]);
  });

  it('makes no call for an empty batch', async () => {
    let calls = 0;
    expect(
      await sendInParts(
        [],
        async (p) => (calls++, answer(p, 0)),
        () => {},
      ),
    ).toBeNull();
    expect(calls).toBe(0);
  });
});
