// A hundred devices in one trip, in small: three request codes go out in one file, three
// authorization codes come back in one file, three confirmation codes return in one file.
import { Drive } from './support/drive.ts';
import { expect, test } from './support/fixtures.ts';
import { batchRoundTrip, exportAllWaiting, setUpBothSides } from './support/journeys.ts';
import { addDevice, importFromDrive, startFlow, switchTo } from './support/ui.ts';

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
  await batchRoundTrip(page, drive, {
    site: 'Plant E',
    count: 3,
    license: 'UC Manager Basic License (12.x)',
    quantity: 2,
    devices: ['cucm-1', 'cucm-2', 'cucm-3'],
  });
  const confirmations = await exportAllWaiting(page, 3, drive);

  await switchTo(page, 'Licensing desk');
  await importFromDrive(page, confirmations);
  await expect(page.getByTestId('import-result')).toContainText('all 3 code(s) taken in.');
  await expect(page.getByTestId('import-result').getByText('Applied', { exact: true })).toHaveCount(
    3,
  );
});
