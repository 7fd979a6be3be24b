// The log for people: every kind of entry a sentence in each language, details labelled and
// readable (licences by name, the digest and path whole), and nothing raw for a kind not known.
import { describe, expect, it } from 'vitest';
import type { EventDto } from '../../../shared/ipc/dto.ts';
import {
  EVENT_TYPES,
  eventDetails,
  eventSentence,
  eventTypeLabel,
} from '../../../renderer/lib/event-text.ts';
import { translator } from './support/translator.ts';

const ENHANCED = 'regid.2016-07.com.cisco.UCM_Enhanced,12.0_66d0d1cf-4863-4761-91d0-d01d3eb1949a';
const DIGEST = 'a'.repeat(64);

function event(type: string, details: Record<string, unknown> = {}, over: Partial<EventDto> = {}) {
  return { id: 7, time: Date.UTC(2026, 2, 31, 14, 5), type, details, ...over } as EventDto;
}

describe('eventSentence', () => {
  for (const language of ['en', 'ja', 'zh'] as const) {
    it(`has a sentence and a label for every kind of entry in ${language}, nothing left raw`, () => {
      const tr = translator(language);
      for (const type of EVENT_TYPES) {
        expect(tr.exists(`eventText.${type}`), `eventText.${type}`).toBe(true);
        expect(tr.exists(`eventType.${type}`), `eventType.${type}`).toBe(true);
        const sentence = eventSentence(event(type), tr);
        expect(sentence).not.toMatch(/\{\{|\}\}/);
        if (type.includes('-')) expect(sentence).not.toContain(type);
      }
    });
  }

  it('names licences by their catalog name and count', () => {
    const tr = translator('en');
    expect(
      eventSentence(event('reserved', { reservationType: 'SLR', licenses: { [ENHANCED]: 4 } }), tr),
    ).toBe('Licences were reserved (SLR): 4 × UC Manager Enhanced License (12.x).');
  });

  it('names the code and only the file of a path', () => {
    const tr = translator('ja');
    const exported = event('code-exported', {
      codeKind: 'authorization',
      codeDigest: DIGEST,
      file: '/media/usb/Desk-2026-03-31.airlock',
      direction: 'out',
    });
    expect(eventSentence(exported, tr)).toBe(
      '承認コードを Desk-2026-03-31.airlock に書き出しました。',
    );
  });

  it('says why a code was refused, in the sentence the operator saw, and names changed records', () => {
    const refused = event('code-refused', {
      codeKind: 'authorization',
      codeDigest: DIGEST,
      reason: 'IMPORT_NO_DEVICE',
      facts: { udi: 'P:UCM,S:B1' },
    });
    expect(eventSentence(refused, translator('en'))).toBe(
      'Authorization code was refused. No device at this site has the UDI P:UCM,S:B1. Add the device first, then import again.',
    );
    expect(eventSentence(refused, translator('ja'))).toMatch(/^承認コードを受け付けませんでした。/);
    expect(
      eventSentence(event('records-updated', { tables: ['licenses'] }), translator('en')),
    ).toBe('Records were updated: license pools.');
    expect(eventDetails(refused, translator('en')).find((d) => d.key === 'facts')).toMatchObject({
      label: 'Facts',
      value: 'udi: P:UCM,S:B1',
    });
  });

  it('reads a kind of entry it does not know as words', () => {
    const tr = translator('en');
    expect(eventSentence(event('something-new'), tr)).toBe('Something new.');
    expect(eventTypeLabel('something-new', tr)).toBe('Something new');
  });
});

describe('eventDetails', () => {
  it('labels every detail in the language and keeps the digest and path whole', () => {
    const tr = translator('zh');
    const details = eventDetails(
      event('code-exported', {
        codeKind: 'authorization',
        codeDigest: DIGEST,
        file: '/media/usb/Desk-2026-03-31.airlock',
        direction: 'out',
      }),
      tr,
    );
    expect(details).toEqual([
      { key: 'codeKind', label: '代码', value: '授权码', verbatim: false },
      { key: 'codeDigest', label: '代码摘要（SHA-256）', value: DIGEST, verbatim: true },
      { key: 'file', label: '文件', value: '/media/usb/Desk-2026-03-31.airlock', verbatim: true },
      { key: 'direction', label: '方向', value: '传出', verbatim: false },
    ]);
  });

  it('writes licence maps by name and unknown keys as words', () => {
    const tr = translator('en');
    const [licences, other] = eventDetails(
      event('update-issued', { to: { [ENHANCED]: 2 }, someFact: 3 }),
      tr,
    );
    expect(licences!.value).toBe('2 × UC Manager Enhanced License (12.x)');
    expect(other).toMatchObject({ label: 'Somefact', value: '3' });
  });
});
