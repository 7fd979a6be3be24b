// Many devices from one list (CSV): checked first (nothing added), the refused rows explained in
// the operator's words, the ready rows added in one step; a list main cannot read at all is
// explained too, and what was typed stays in the box.
import type { Page } from '@playwright/test';
import type { SiteOverviewDto, WorkspaceDto } from '../../shared/ipc/dto.ts';
import { expect, test } from './support/fixtures.ts';
import { go, switchTo } from './support/ui.ts';

const HEADER = 'name,product,pid,sn,vid,hostId,uuid,external';

async function openList(page: Page, site: string): Promise<void> {
  await switchTo(page, site);
  await go(page, 'Devices');
  await page.getByRole('button', { name: 'Add from a list' }).click();
  await expect(
    page.getByRole('heading', { name: 'Add devices from a list', level: 1 }),
  ).toBeVisible();
}

test('a list of four: two added, an unknown product and a repeated UDI refused', async ({
  airlock,
}) => {
  const { page } = airlock;
  const site = await airlock.invoke<WorkspaceDto>('workspace.create', {
    kind: 'site',
    name: 'Plant L',
  });
  await airlock.open();
  await openList(page, 'Plant L');

  const csv = [
    HEADER,
    'cucm-list-1,ucm,UCM,LST01,,,d9a2c661-8fe1-4ce7-9e6f-bbc68a3edb16,',
    'expwy-list-1,expressway,Expressway,0B070519,1.0,320aa69d,,',
    'router-x,router,ISR4451,FDO1234,,,,yes',
    'cucm-copy,ucm,UCM,LST01,,,d9a2c661-8fe1-4ce7-9e6f-bbc68a3edb16,',
  ].join('\n');
  await page.getByRole('textbox', { name: 'Device list (CSV)' }).fill(csv);
  await page.getByRole('button', { name: 'Check the list' }).click();

  // The preview: two ready, two refused with their reasons; nothing added yet.
  await expect(page.getByTestId('device-list-counts')).toHaveText('2 ready to add, 2 refused.');
  const rows = page.getByTestId('device-list-rows').locator('tbody tr:not(.spacer)');
  await expect(rows).toHaveCount(4);
  await expect(rows.filter({ hasText: 'cucm-list-1' })).toContainText('Ready');
  await expect(rows.filter({ hasText: 'expwy-list-1' })).toContainText('Ready');
  await expect(rows.filter({ hasText: 'router-x' })).toContainText(
    'Unknown product “router”: use ucm, expressway or ios-xe.',
  );
  await expect(rows.filter({ hasText: 'cucm-copy' })).toContainText(
    'The same UDI is already on line 2 of the list',
  );
  const before = await airlock.invoke<SiteOverviewDto>('site.overview', { workspaceId: site.id });
  expect(before.deviceCount).toBe(0);

  // Added in one step: the final card says how many, which rows were not, and what comes next.
  await page.getByRole('button', { name: 'Add 2 devices' }).click();
  await expect(page.getByTestId('device-list-added')).toHaveText('2 devices added.');
  const refused = page.getByTestId('device-list-refused').locator('tbody tr:not(.spacer)');
  await expect(refused).toHaveCount(2);
  await expect(refused.filter({ hasText: 'router-x' })).toContainText('Unknown product');
  await expect(refused.filter({ hasText: 'cucm-copy' })).toContainText('already on line 2');
  await expect(page.getByTestId('device-list-next')).toContainText('start New reservation');

  await page.getByRole('button', { name: 'Open the devices table' }).click();
  const table = page.getByTestId('devices-table');
  await expect(table.getByRole('button', { name: 'cucm-list-1', exact: true })).toBeVisible();
  await expect(table.getByRole('button', { name: 'expwy-list-1', exact: true })).toBeVisible();
  await expect(table.getByRole('button', { name: 'cucm-copy', exact: true })).toHaveCount(0);
  await expect(table.locator('tbody tr:not(.spacer)')).toHaveCount(2);
});

test('a list without the sn column is refused as a whole; the text stays to be corrected', async ({
  airlock,
}) => {
  const { page } = airlock;
  await airlock.invoke('workspace.create', { kind: 'site', name: 'Plant M' });
  await airlock.open();
  await openList(page, 'Plant M');

  const box = page.getByRole('textbox', { name: 'Device list (CSV)' });
  const missingSn = 'name,product,pid\ncucm-m,ucm,UCM';
  await box.fill(missingSn);
  // Keyboard: the check runs from the focused button.
  await page.getByRole('button', { name: 'Check the list' }).focus();
  await page.keyboard.press('Enter');
  const alert = page.getByRole('alert').filter({ hasText: 'sn' });
  await expect(alert).toContainText('The header has no “sn” column');
  await expect(alert).toContainText('DEVICE_LIST_COLUMN_MISSING');
  await expect(box).toHaveValue(missingSn);
  await expect(page.getByTestId('device-list-counts')).toHaveCount(0);

  // A corrected list from a file: read into the box, checked, then edited — the preview goes, so
  // nothing is added from a list that was not checked.
  await page.getByLabel('Choose file…').setInputFiles({
    name: 'plant-m.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('name,product,pid,sn\ncucm-m,ucm,UCM,MMM01\n'),
  });
  await expect(box).toHaveValue('name,product,pid,sn\ncucm-m,ucm,UCM,MMM01');
  await page.getByRole('button', { name: 'Check the list' }).click();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByTestId('device-list-counts')).toHaveText('1 ready to add, 0 refused.');
  await expect(page.getByRole('button', { name: 'Add 1 device' })).toBeEnabled();
  await box.focus();
  await page.keyboard.press('Control+End');
  await box.pressSequentially('\ncucm-n,ucm,UCM,MMM02');
  await expect(page.getByTestId('device-list-counts')).toHaveCount(0);
  await page.getByRole('button', { name: 'Check the list' }).click();
  await expect(page.getByTestId('device-list-counts')).toHaveText('2 ready to add, 0 refused.');
});
