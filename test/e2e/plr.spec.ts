// A Permanent License Reservation: one code, no confirmation code, the device reports ULR.
import { Drive } from './support/drive.ts';
import { expect, test } from './support/fixtures.ts';
import {
  installFromInbox,
  requestToDrive,
  reserveFromInbox,
  setUpBothSides,
} from './support/journeys.ts';
import { instanceRow, switchTo } from './support/ui.ts';

test('reserve an Expressway with PLR without Export Control', async ({ airlock }) => {
  const { page } = airlock;
  const drive = new Drive(airlock);
  await setUpBothSides(page, {
    authority: 'Licensing desk',
    catalog: 'Cisco Expressway',
    licenses: 10,
    site: 'Edge site',
    device: {
      name: 'expwy-e1',
      product: 'expressway',
      pid: 'Expressway',
      sn: '08F8FF3C',
      vid: '1.0',
      hostId: '320aa69d',
    },
  });

  const requestFile = await requestToDrive(page, drive);

  await switchTo(page, 'Licensing desk');
  await reserveFromInbox(page, requestFile, 'EXPY', () =>
    page.getByLabel(/Permanent License Reservation \(PLR\) without Export Control/).check(),
  );
  await expect(
    page.getByText('xcommand License Smart Reservation Install "', { exact: false }),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Enter Confirmation Code' })).toHaveCount(0);
  const authorizationFile = await drive.save('Authorization code');
  await page.getByRole('button', { name: 'Close' }).click();
  await expect(instanceRow(page, '08F8FF3C')).toContainText('PLR');

  await switchTo(page, 'Edge site');
  await installFromInbox(page, authorizationFile, { checks: ['Permanent License Reservation'] });
  await expect(page.getByText('PLR installed: no confirmation code is needed.')).toBeVisible();
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByTestId('registration-status')).toHaveText(
    'Registered - Universal License Reservation',
  );
  expect(drive.seen.size).toBe(2);
});
