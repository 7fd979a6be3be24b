// A site of 2,000 devices read a window at a time: filter by what devices wait for and by kind,
// search, sort by a column, scroll to the end — and a new filter always starts at row 1, never a
// blank table scrolled to where the old list ended. The batch screen counts them the same way.
import type { Locator } from '@playwright/test';
import type { WorkspaceDto } from '../../shared/ipc/dto.ts';
import { expect, test } from './support/fixtures.ts';
import { seedDeviceList } from './support/router.ts';
import { go, switchTo } from './support/ui.ts';

const COUNT = 2000;
const pad = (n: number) => String(n).padStart(4, '0');
/** Every tenth device is an external one (`ext-0010`…), the others emulated (`node-0001`…). */
const nameOf = (n: number) => `${n % 10 === 0 ? 'ext' : 'node'}-${pad(n)}`;

/** The row at a place in the whole list (1 = the first row), as the table numbers it. */
const rowAt = (table: Locator, place: number) =>
  table.locator(`tbody tr[aria-rowindex="${place + 1}"]`);
const device = (table: Locator, name: string) => table.getByRole('button', { name, exact: true });

async function scrollToEnd(table: Locator): Promise<void> {
  await table.getByRole('region').evaluate((el) => {
    el.scrollTop = el.scrollHeight;
  });
}

async function expectAtTop(table: Locator): Promise<void> {
  await expect.poll(() => table.getByRole('region').evaluate((el) => el.scrollTop)).toBe(0);
}

test('2,000 devices: filter, search, sort and scroll; each new filter shows row 1', async ({
  airlock,
}) => {
  const { page } = airlock;
  const site = await airlock.invoke<WorkspaceDto>('workspace.create', {
    kind: 'site',
    name: 'Plant K',
  });
  const rows = Array.from({ length: COUNT }, (_, i) => {
    const n = i + 1;
    return `${nameOf(n)},ucm,UCM,K${pad(n)},,,,${n % 10 === 0 ? 'yes' : ''}`;
  });
  expect(await seedDeviceList(airlock, site, rows)).toBe(COUNT);
  // Fifty emulated devices print a request code: they now wait for an authorization.
  const first50 = Array.from({ length: 55 }, (_, i) => i + 1).filter((n) => n % 10 !== 0);
  await airlock.invoke('site.requestBatch', {
    workspaceId: site.id,
    deviceIds: first50.map((n) => `dev-${n}`),
  });

  await airlock.open();
  await switchTo(page, 'Plant K');
  await go(page, 'Devices');
  const table = page.getByTestId('devices-table');
  const count = table.getByRole('status');
  await expect(count).toHaveText('2,000 of 2,000');
  await expect(rowAt(table, 1)).toContainText('node-0001');
  // Only the rows in view are in the page, never the 2,000.
  expect(await table.locator('tbody tr:not(.spacer)').count()).toBeLessThan(60);

  // Scrolled to the end: the last device, read from main when it came into view.
  await scrollToEnd(table);
  await expect(device(table, 'ext-2000')).toBeInViewport();
  await expect(rowAt(table, COUNT)).toContainText('ext-2000');

  // A filter chosen at the end of the list: row 1 of the 200 external devices, at the top.
  await page
    .locator('#device-waiting')
    .selectOption({ label: 'Request code to be recorded (200)' });
  await expect(count).toHaveText('200 of 2,000');
  await expectAtTop(table);
  await expect(rowAt(table, 1)).toContainText('ext-0010');
  await expect(device(table, 'ext-0010')).toBeInViewport();
  await scrollToEnd(table);
  await expect(device(table, 'ext-2000')).toBeInViewport();

  // Another filter while scrolled down: the fifty waiting for an authorization, from row 1.
  await page
    .locator('#device-waiting')
    .selectOption({ label: 'Authorization code from the authority (50)' });
  await expect(count).toHaveText('50 of 2,000');
  await expectAtTop(table);
  await expect(device(table, 'node-0001')).toBeInViewport();
  await page.locator('#device-kind').selectOption('external');
  await expect(count).toHaveText('0 of 2,000');
  await expect(table.getByText('No rows match the filter.')).toBeVisible();
  await page.locator('#device-kind').selectOption('');
  await page.locator('#device-waiting').selectOption({ label: 'Anything (2,000)' });
  await expect(count).toHaveText('2,000 of 2,000');

  // Search, searched by main: node-0121 to node-0129 (ext-0120 is not a "node").
  await scrollToEnd(table);
  await table.getByLabel('Filter devices').fill('node-012');
  await expect(count).toHaveText('9 of 2,000');
  await expectAtTop(table);
  await expect(rowAt(table, 1)).toContainText('node-0121');

  // Sorted by name, descending: node-0129 first; then the whole list again, still descending.
  const byName = table.getByRole('button', { name: /^Device/ });
  await byName.click();
  await expect(table.getByRole('columnheader', { name: /^Device/ })).toHaveAttribute(
    'aria-sort',
    'ascending',
  );
  await byName.click();
  await expect(table.getByRole('columnheader', { name: /^Device/ })).toHaveAttribute(
    'aria-sort',
    'descending',
  );
  await expect(rowAt(table, 1)).toContainText('node-0129');
  await table.getByLabel('Filter devices').fill('');
  await expect(count).toHaveText('2,000 of 2,000');
  await expect(rowAt(table, 1)).toContainText('node-1999');
  await expect(device(table, 'node-1999')).toBeInViewport();
  await scrollToEnd(table);
  await expect(device(table, 'ext-0010')).toBeInViewport();

  // The batch screen counts what main counts: no list of 2,000 is read to know it.
  await go(page, 'Batch');
  const request = page.getByRole('region', { name: 'Get request codes' });
  await expect(request.getByTestId('batch-request-count')).toHaveText(
    '1,750 emulated devices have no reservation and no request code waiting.',
  );
  await expect(request.getByTestId('batch-request-names')).toHaveText(
    'node-0056, node-0057, node-0058, node-0059, node-0061 and 1,745 more',
  );
  await expect(request).toContainText('50 other device(s) already printed a request code');
  await expect(request.getByRole('button', { name: 'Get 1,750 request codes' })).toBeEnabled();
});
