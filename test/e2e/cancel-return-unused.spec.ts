// A request is cancelled after the authority already answered it: the unused authorization is
// returned from the device, and the return code releases the licenses at the authority.
import { Drive } from './support/drive.ts';
import { expect, test } from './support/fixtures.ts';
import {
  applyFromDrive,
  requestToDrive,
  reserveFromInbox,
  setUpBothSides,
} from './support/journeys.ts';
import { instanceRow, openDevice, startFlow, switchTo } from './support/ui.ts';

test('cancel a request, then return the unused authorization', async ({ airlock }) => {
  const { page } = airlock;
  const drive = new Drive(airlock);
  await setUpBothSides(page, {
    authority: 'Licensing desk',
    catalog: 'Cisco Unified CM (UCM)',
    licenses: 20,
    site: 'Plant C',
    device: {
      name: 'cucm-sub-2',
      product: 'ucm',
      pid: 'UCM',
      sn: 'C0FFEE',
      uuid: '0a1b2c3d4e5f60718293a4b5c6d7e8f9',
    },
  });

  const requestFile = await requestToDrive(page, drive);

  await switchTo(page, 'Licensing desk');
  await reserveFromInbox(page, requestFile, 'C0FFEE', () =>
    page.getByLabel('UC Manager Basic License (12.x)').fill('3'),
  );
  const authorizationFile = await drive.save('Authorization code');
  await page.getByRole('button', { name: 'Close' }).click();

  // Site: the operator cancels the pending request — and is told what that means.
  await switchTo(page, 'Plant C');
  await openDevice(page, 'cucm-sub-2');
  await startFlow(page, 'Cancel request');
  await expect(page.getByRole('note')).toContainText('Return an unused authorization');
  await page.getByRole('button', { name: 'Cancel request' }).click();
  await page.getByRole('button', { name: 'Return an unused authorization' }).click();

  // The authorization comes in from the drive and is returned unused.
  await page.getByText('Import from a drive').click();
  await page.getByRole('button', { name: `Import ${authorizationFile}` }).click();
  await expect(page.locator('#auth-code')).toHaveValue(/<specificPLR>/);
  await page.getByRole('button', { name: 'Get return code' }).click();
  const returnFile = await drive.save('Reservation return code');
  await page.getByRole('button', { name: 'Done' }).click();

  // Authority: the return code releases the blocked licenses.
  await switchTo(page, 'Licensing desk');
  await applyFromDrive(page, returnFile);
  await expect(instanceRow(page, 'C0FFEE')).toContainText('Removed');
});
