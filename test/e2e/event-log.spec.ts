// The event log for people (issue 13, point 9): every kind of entry and every detail in the
// operator's language as a sentence — in Japanese too, no raw key — a detail panel with the whole
// code digest and file path, a filter by the kinds the log holds and by instance; a site's log too.
import type { TransferItemDto } from '../../shared/ipc/dto.ts';
import { expect, test } from './support/fixtures.ts';
import { speak } from './support/operator.ts';
import {
  requestCodeOf,
  reserveSlr,
  seedAuthority,
  seedDevice,
  seedSite,
  tagOf,
} from './support/router.ts';
import { go, openDevice, switchTo } from './support/ui.ts';

const RAW_KEY = /\b[a-z]+(?:-[a-z]+)+\b|codeDigest|\{\{/;
/** A row's words, a file's name (main names files) left out. */
const words = (text: string | null) => (text ?? '').replace(/[\w.-]+\.airlock\b/g, '');

test('the desk’s log in sentences, its details whole, filtered by kind and by instance', async ({
  airlock,
}) => {
  const { page } = airlock;
  const desk = await seedAuthority(airlock);
  const site = await seedSite(airlock, 'Plant E', desk.trust);
  for (const [name, sn, digit] of [
    ['cucm-e1', 'EVT001', 'a'],
    ['cucm-e2', 'EVT002', 'b'],
  ] as const) {
    const device = await seedDevice(airlock, site, {
      name,
      product: 'ucm',
      pid: 'UCM',
      sn,
      uuid: `${digit}e1b2a4c9f0d4e3b8a7c6d5e4f3a2b1c`,
    });
    await reserveSlr(airlock, desk, await requestCodeOf(airlock, site, device.id), {
      [tagOf(desk, 'UC Manager Basic License (12.x)')]: 1,
    });
  }
  const waiting = (
    await airlock.invoke<TransferItemDto[]>('transfer.items', {
      workspaceId: desk.authority.id,
      direction: 'out',
    })
  ).filter((i) => i.status === 'waiting');
  const written = await airlock.invoke<{ path: string }>('transfer.export', {
    workspaceId: desk.authority.id,
    folder: airlock.services.handles.folder(airlock.driveDir),
    itemIds: [waiting[0]!.id],
  });

  await airlock.open();
  await switchTo(page, 'Licensing desk');
  await go(page, 'Event log');
  await speak(page, 'ja');
  const table = page.getByTestId('events-table');
  await expect(table.locator('tbody tr').first()).toBeVisible();

  // Every kind of entry the log holds, in Japanese, with its count; every row a sentence.
  const options = await page.locator('#event-type option').allTextContents();
  expect(options.length).toBeGreaterThan(6);
  for (const option of options) expect(option).not.toMatch(RAW_KEY);
  for (const row of await table.locator('tbody tr:not(.spacer)').all())
    expect(words(await row.textContent())).not.toMatch(RAW_KEY);
  await expect(table).toContainText('承認コードを');

  // Only the codes written to a drive: the kind, chosen from those main counted.
  await page.locator('#event-type').selectOption({ label: 'コードをドライブへ書き出し (1)' });
  await expect(table.getByRole('status')).toHaveText('1 行');

  // Its detail panel: every detail labelled in Japanese, the digest and the path whole.
  await table.getByRole('button', { name: /の詳細/ }).click();
  const panel = page.getByRole('dialog', { name: 'コードをドライブへ書き出し' });
  await expect(panel.getByTestId('event-sentence')).toHaveText(
    `承認コードを ${written.path.split('/').pop()} に書き出しました。`,
  );
  await expect(panel.getByTestId('event-detail-codeDigest')).toHaveText(/^[0-9a-f]{64}$/);
  await expect(panel.getByTestId('event-detail-file')).toHaveText(written.path);
  await expect(panel).toContainText('コードのダイジェスト (SHA-256)');
  await panel.getByRole('button', { name: '閉じる' }).last().click();

  // One instance: found by its serial number, its entries alone.
  await speak(page, 'en');
  await page.locator('#event-type').selectOption('');
  await page.locator('#event-subject').fill('EVT002');
  await page.locator('#event-subject').press('Enter');
  await expect(page.getByTestId('event-subject')).toHaveText('UDI_PID:UCM; UDI_SN:EVT002;');
  await expect(table.locator('tbody tr', { hasText: 'S:EVT001' })).toHaveCount(0);
  await expect(table).toContainText(
    'Licences were reserved (SLR): 1 × UC Manager Basic License (12.x).',
  );
  await page.getByRole('button', { name: 'Show every instance' }).click();
  await expect(table.locator('tbody tr', { hasText: 'S:EVT001' }).first()).toBeVisible();
});

test('a site’s log, narrowed to a device from its page, in sentences', async ({ airlock }) => {
  const { page } = airlock;
  const desk = await seedAuthority(airlock);
  const site = await seedSite(airlock, 'Plant F', desk.trust);
  const device = await seedDevice(airlock, site, {
    name: 'cucm-f',
    product: 'ucm',
    pid: 'UCM',
    sn: 'SITE01',
    uuid: 'ce1b2a4c9f0d4e3b8a7c6d5e4f3a2b1c',
  });
  await seedDevice(airlock, site, {
    name: 'cucm-g',
    product: 'ucm',
    pid: 'UCM',
    sn: 'SITE02',
    uuid: 'de1b2a4c9f0d4e3b8a7c6d5e4f3a2b1c',
  });
  await requestCodeOf(airlock, site, device.id);

  await airlock.open();
  await switchTo(page, 'Plant F');
  await openDevice(page, 'cucm-f');
  await page.getByRole('button', { name: 'Its event log' }).click();
  await expect(page.getByRole('heading', { name: 'Event log', level: 1 })).toBeVisible();
  await expect(page.getByTestId('event-subject')).toHaveText('cucm-f');
  const table = page.getByTestId('events-table');
  await expect(table).toContainText('The device printed a request code.');
  await expect(table).toContainText('License reservation was turned on.');
  await expect(table).not.toContainText('SITE02');
  await speak(page, 'zh');
  await expect(table).toContainText('设备打印了请求码。');
  for (const row of await table.locator('tbody tr:not(.spacer)').all())
    expect(words(await row.textContent())).not.toMatch(RAW_KEY);
});
