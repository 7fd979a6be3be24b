// An authority and a site carry a Specific License Reservation through its whole life — reserve,
// confirm, update and confirm again, return — moving every code only as files on the "drive".
import { Drive } from './support/drive.ts';
import { expect, test } from './support/fixtures.ts';
import {
  applyFromDrive,
  installFromInbox,
  requestToDrive,
  reserveFromInbox,
  setUpBothSides,
} from './support/journeys.ts';
import { instanceRow, openDevice, startFlow, switchTo } from './support/ui.ts';

const LICENSE = 'UC Manager Enhanced License (12.x)';

test('reserve, confirm, update, confirm and return an SLR across the gap', async ({ airlock }) => {
  const { page } = airlock;
  const drive = new Drive(airlock);
  await setUpBothSides(page, {
    authority: 'Licensing desk',
    catalog: 'Cisco Unified CM (UCM)',
    licenses: 50,
    site: 'Plant B',
    device: {
      name: 'cucm-pub-1',
      product: 'ucm',
      pid: 'UCM',
      sn: 'EDB16',
      uuid: '2e1b2a4c9f0d4e3b8a7c6d5e4f3a2b1c',
    },
  });

  // Site: enable, request, save the request code to the drive.
  const requestFile = await requestToDrive(page, drive);
  await expect(page.getByTestId('registration-status')).toHaveText('Reservation In Progress');

  // Authority: import the request, run the four CSSM steps, save the authorization code.
  await switchTo(page, 'Licensing desk');
  await reserveFromInbox(page, requestFile, 'EDB16', () => page.getByLabel(LICENSE).fill('4'));
  await expect(
    page.getByText('license smart reservation install "<specificPLR>', { exact: false }),
  ).toBeVisible();
  const authorizationFile = await drive.save('Authorization code');
  await page.getByRole('button', { name: 'Close' }).click();
  await expect(instanceRow(page, 'EDB16')).toContainText('Not confirmed');

  // Site: import and install; save the confirmation code.
  await switchTo(page, 'Plant B');
  await installFromInbox(page, authorizationFile, {
    checks: ['Signature valid', 'For this device'],
  });
  await expect(page.getByTestId('device-output')).toContainText('Authorization code installed');
  const confirmationFile = await drive.save('Confirmation code');
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByTestId('registration-status')).toHaveText(
    'Registered - Specific License Reservation',
  );

  // Authority: import the confirmation code and enter it.
  await switchTo(page, 'Licensing desk');
  await applyFromDrive(page, confirmationFile);
  await expect(instanceRow(page, 'EDB16')).toContainText('Reserved');
  await expect(instanceRow(page, 'EDB16')).not.toContainText('Not confirmed');

  // Authority: Update Reserved Licenses from 4 to 6.
  await instanceRow(page, 'EDB16')
    .getByRole('button', { name: /^Actions for/ })
    .click();
  await page.getByRole('menuitem', { name: 'Update Reserved Licenses' }).click();
  await page.getByLabel(LICENSE).fill('6');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Generate Authorization Code' }).click();
  const updateFile = await drive.save('Authorization code');
  await page.getByRole('button', { name: 'Close' }).click();
  await expect(instanceRow(page, 'EDB16')).toContainText('In transit');

  // Site: install the newer authorization (an update); a new confirmation code goes back.
  await switchTo(page, 'Plant B');
  await installFromInbox(page, updateFile, { title: 'Update reservation' });
  const updateConfirmationFile = await drive.save('Confirmation code');
  await page.getByRole('button', { name: 'Done' }).click();

  await switchTo(page, 'Licensing desk');
  await applyFromDrive(page, updateConfirmationFile);
  await expect(instanceRow(page, 'EDB16')).toContainText('Reserved');

  // Site: return the reservation; the authority removes the instance with the return code.
  await switchTo(page, 'Plant B');
  await openDevice(page, 'cucm-pub-1');
  await startFlow(page, 'Return reservation');
  await page.getByRole('button', { name: 'Return reservation' }).last().click();
  const returnFile = await drive.save('Reservation return code');
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByTestId('registration-status')).toHaveText('Reservation In Progress');

  await switchTo(page, 'Licensing desk');
  await applyFromDrive(page, returnFile);
  await expect(instanceRow(page, 'EDB16')).toContainText('Removed');

  // Six codes crossed, each as its own file on the drive, and nothing else was written there.
  expect(drive.seen.size).toBe(6);
  expect(drive.files()).toEqual([...drive.seen].sort());
});
