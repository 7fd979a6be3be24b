// A hundred devices in one trip, in small: three request codes go out in one file, three
// authorization codes come back in one file, three confirmation codes return in one file.
import type { Page } from '@playwright/test';
import { Drive } from './support/drive.ts';
import { expect, test } from './support/fixtures.ts';
import { setUpBothSides } from './support/journeys.ts';
import { addDevice, go, importFromDrive, startFlow, switchTo } from './support/ui.ts';

async function exportAllWaiting(page: Page, count: number, drive: Drive): Promise<string> {
  await go(page, 'Transfer (drives)');
  const outbox = page.getByRole('region', { name: 'Waiting to go out' });
  await outbox.getByRole('button', { name: `Export all waiting (${count})` }).click();
  await expect(page.getByTestId('export-result')).toContainText(
    `${count} code(s) written in one file`,
  );
  return drive.newFile();
}

test('batch reservation and batch install, one file per trip', async ({ airlock }) => {
  const { page } = airlock;
  const drive = new Drive(airlock);
  await setUpBothSides(page, {
    authority: 'Licensing desk',
    catalog: 'Cisco Unified CM (UCM)',
    licenses: 30,
    site: 'Plant E',
  });

  for (const n of [1, 2, 3]) {
    await addDevice(page, {
      name: `cucm-${n}`,
      product: 'ucm',
      pid: 'UCM',
      sn: `BATCH${n}`,
      uuid: `${n}`.repeat(32),
    });
    await startFlow(page, 'New reservation');
    await page.getByRole('button', { name: 'Enable reservation' }).click();
    await page.getByRole('button', { name: 'Get request code' }).click();
    await page.getByRole('button', { name: 'Done' }).click();
  }
  const requests = await exportAllWaiting(page, 3, drive);

  await switchTo(page, 'Licensing desk');
  await importFromDrive(page, requests);
  await page.getByRole('button', { name: 'Reserve all requests' }).click();
  await page.getByRole('button', { name: 'Use them' }).click();
  await expect(page.getByText('3 request code(s) found.')).toBeVisible();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('UC Manager Basic License (12.x)').fill('2');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Reserve for 3 device(s)' }).click();
  await expect(page.getByText('3 reserved, 0 refused.', { exact: false })).toBeVisible();
  const authorizations = await exportAllWaiting(page, 3, drive);

  await switchTo(page, 'Plant E');
  await importFromDrive(page, authorizations);
  await page.getByRole('button', { name: 'Install authorizations' }).click();
  await page.getByRole('button', { name: 'Install 3' }).click();
  await expect(page.getByText('3 installed, 0 refused.', { exact: false })).toBeVisible();
  const confirmations = await exportAllWaiting(page, 3, drive);

  await switchTo(page, 'Licensing desk');
  await importFromDrive(page, confirmations);
  await expect(page.getByTestId('import-result').getByText('Applied')).toHaveCount(3);
});
