// Nothing cut off, one date format (issue 13, point 6): every date in one format per language —
// ISO-like in English, the long form in Japanese and Chinese — from one place; no table cell cuts
// a date or a status; no header is broken inside a word, in any language.
import type { Locator, Page } from '@playwright/test';
import type { TransferItemDto } from '../../shared/ipc/dto.ts';
import { expect, test } from './support/fixtures.ts';
import { LANGUAGES, type Language, brokenHeaders, isCut, speak } from './support/operator.ts';
import {
  deviceConsole,
  requestCodeOf,
  reserveSlr,
  seedAuthority,
  seedDevice,
  seedSite,
  tagOf,
} from './support/router.ts';
import { go, switchTo } from './support/ui.ts';

const FORMAT: Record<Language, RegExp> = {
  en: /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/,
  ja: /^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/,
  zh: /^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/,
};

/** The cells of a column (1 = the first), in the rows shown. */
const column = (table: Locator, n: number) =>
  table.locator(`tbody tr:not(.spacer) td:nth-child(${n})`);

async function expectWhole(cells: Locator, what: string): Promise<void> {
  const all = await cells.all();
  expect(all.length, what).toBeGreaterThan(0);
  for (const cell of all)
    expect(await isCut(cell), `${what}: ${await cell.textContent()}`).toBe(false);
}

async function expectHeadersWhole(page: Page, testId: string, language: Language): Promise<void> {
  expect(await brokenHeaders(page.getByTestId(testId)), `${testId} in ${language}`).toEqual([]);
}

test('one date format per language; dates, statuses and headers never cut', async ({ airlock }) => {
  const { page } = airlock;
  const desk = await seedAuthority(airlock);
  const site = await seedSite(airlock, 'Plant H', desk.trust);
  const device = await seedDevice(airlock, site, {
    name: 'cucm-h',
    product: 'ucm',
    pid: 'UCM',
    sn: 'DATE01',
    uuid: 'ee1b2a4c9f0d4e3b8a7c6d5e4f3a2b1c',
  });
  const issued = await reserveSlr(airlock, desk, await requestCodeOf(airlock, site, device.id), {
    [tagOf(desk, 'UC Manager Enhanced License (12.x)')]: 2,
  });
  await deviceConsole(airlock, site, device.id)('install', issued.authorizationCode);
  // The site's confirmation code goes out in a file; its request code is still waiting.
  const out = await airlock.invoke<TransferItemDto[]>('transfer.items', {
    workspaceId: site.id,
    direction: 'out',
  });
  await airlock.invoke('transfer.export', {
    workspaceId: site.id,
    folder: airlock.services.handles.folder(airlock.driveDir),
    itemIds: out.filter((i) => i.kind === 'confirmation').map((i) => i.id),
  });

  await airlock.open();
  for (const language of LANGUAGES) {
    await speak(page, 'en');
    await switchTo(page, 'Licensing desk');
    await go(page, 'Product instances');
    await speak(page, language);
    const instances = page.getByTestId('instances-table');
    const when = instances.locator('tbody tr:not(.spacer) td:nth-child(3) span').first();
    await expect(when).toHaveText(FORMAT[language]);
    await expectWhole(column(instances, 3), `last contact in ${language}`);
    await expectWhole(column(instances, 5), `state in ${language}`);
    await expectHeadersWhole(page, 'instances-table', language);

    await speak(page, 'en');
    await go(page, 'Licenses');
    await speak(page, language);
    await expectHeadersWhole(page, 'licenses-table', language);
    await expectWhole(column(page.getByTestId('licenses-table'), 3), `purchased in ${language}`);

    await speak(page, 'en');
    await go(page, 'Event log');
    await speak(page, language);
    const events = page.getByTestId('events-table');
    await expect(column(events, 1).first()).toHaveText(FORMAT[language]);
    await expectWhole(column(events, 1), `event times in ${language}`);
    await expectHeadersWhole(page, 'events-table', language);

    // The site's transfer lists: the date and the status of every row whole.
    await speak(page, 'en');
    await switchTo(page, 'Plant H');
    await go(page, 'Transfer (drives)');
    await speak(page, language);
    const outbox = page.getByTestId('outbox-table');
    await expect(column(outbox, 4).first()).toHaveText(FORMAT[language]);
    await expectWhole(column(outbox, 4), `outbox dates in ${language}`);
    await expectWhole(column(outbox, 2), `outbox code kinds in ${language}`);
    await expectWhole(column(outbox, 5), `outbox statuses in ${language}`);
    await expectHeadersWhole(page, 'outbox-table', language);
    await expectHeadersWhole(page, 'inbox-table', language);
  }
});
