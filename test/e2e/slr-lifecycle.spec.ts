// An authority and a site carry a Specific License Reservation through its whole life — reserve,
// confirm, update and confirm again, return — moving every code only as files on the "drive".
import { readdirSync } from 'node:fs';
import { expect, test } from './support/fixtures.ts';
import {
  addDevice,
  codeBlock,
  createAuthority,
  createSite,
  go,
  importFromDrive,
  inboxAction,
  instanceRow,
  loadCatalog,
  openDevice,
  prepareAuthority,
  saveCodeToDrive,
  startFlow,
  switchTo,
  trustFileText,
} from './support/ui.ts';

const LICENSE = 'UC Manager Enhanced License (12.x)';

test('reserve, confirm, update, confirm and return an SLR across the gap', async ({ airlock }) => {
  const { page, driveDir } = airlock;
  const seen = new Set<string>();

  await createAuthority(page, 'Licensing desk');
  await prepareAuthority(page);
  await loadCatalog(page, 'Cisco Unified CM (UCM)', 50);
  const trust = await trustFileText(page);

  await createSite(page, 'Plant B', trust);
  await addDevice(page, {
    name: 'cucm-pub-1',
    product: 'ucm',
    pid: 'UCM',
    sn: 'EDB16',
    uuid: '2e1b2a4c9f0d4e3b8a7c6d5e4f3a2b1c',
  });

  // Site: enable, request, save the request code to the drive.
  await startFlow(page, 'New reservation');
  await page.getByRole('button', { name: 'Enable reservation' }).click();
  await page.getByRole('button', { name: 'Get request code' }).click();
  const requestFile = await saveCodeToDrive(
    page,
    codeBlock(page, 'Reservation request code'),
    driveDir,
    seen,
  );
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByTestId('registration-status')).toHaveText('Reservation In Progress');

  // Authority: import the request, run the four CSSM steps, save the authorization code.
  await switchTo(page, 'Licensing desk');
  await importFromDrive(page, requestFile);
  await inboxAction(page, requestFile, 'Reserve').click();
  await expect(page.getByTestId('request-preview')).toContainText('EDB16');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel(LICENSE).fill('4');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('heading', { name: /Review and confirm/ })).toBeVisible();
  await page.getByRole('button', { name: 'Generate Authorization Code' }).click();
  await expect(
    page.getByText('license smart reservation install "<specificPLR>', { exact: false }),
  ).toBeVisible();
  const authorizationFile = await saveCodeToDrive(
    page,
    codeBlock(page, 'Authorization code'),
    driveDir,
    seen,
  );
  await page.getByRole('button', { name: 'Close' }).click();
  await expect(instanceRow(page, 'EDB16')).toContainText('Not confirmed');

  // Site: import and install; save the confirmation code.
  await switchTo(page, 'Plant B');
  await importFromDrive(page, authorizationFile);
  await inboxAction(page, authorizationFile, 'Install').click();
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByTestId('verify-checks')).toContainText('Signature valid');
  await expect(page.getByTestId('verify-checks')).toContainText('For this device');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Install', exact: true }).click();
  await expect(page.getByTestId('device-output')).toContainText('Authorization code installed');
  const confirmationFile = await saveCodeToDrive(
    page,
    codeBlock(page, 'Confirmation code'),
    driveDir,
    seen,
  );
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByTestId('registration-status')).toHaveText(
    'Registered - Specific License Reservation',
  );

  // Authority: import the confirmation code and enter it.
  await switchTo(page, 'Licensing desk');
  await importFromDrive(page, confirmationFile);
  await expect(page.getByTestId('import-result')).toContainText('Applied');
  await go(page, 'Product instances');
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
  const updateFile = await saveCodeToDrive(
    page,
    codeBlock(page, 'Authorization code'),
    driveDir,
    seen,
  );
  await page.getByRole('button', { name: 'Close' }).click();
  await expect(instanceRow(page, 'EDB16')).toContainText('In transit');

  // Site: install the newer authorization (an update); a new confirmation code goes back.
  await switchTo(page, 'Plant B');
  await importFromDrive(page, updateFile);
  await inboxAction(page, updateFile, 'Install').click();
  await expect(page.getByRole('heading', { name: 'Update reservation', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Install', exact: true }).click();
  const updateConfirmationFile = await saveCodeToDrive(
    page,
    codeBlock(page, 'Confirmation code'),
    driveDir,
    seen,
  );
  await page.getByRole('button', { name: 'Done' }).click();

  await switchTo(page, 'Licensing desk');
  await importFromDrive(page, updateConfirmationFile);
  await expect(page.getByTestId('import-result')).toContainText('Applied');
  await go(page, 'Product instances');
  await expect(instanceRow(page, 'EDB16')).toContainText('Reserved');

  // Site: return the reservation; the authority removes the instance with the return code.
  await switchTo(page, 'Plant B');
  await openDevice(page, 'cucm-pub-1');
  await startFlow(page, 'Return reservation');
  await page.getByRole('button', { name: 'Return reservation' }).last().click();
  const returnFile = await saveCodeToDrive(
    page,
    codeBlock(page, 'Reservation return code'),
    driveDir,
    seen,
  );
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByTestId('registration-status')).toHaveText('Reservation In Progress');

  await switchTo(page, 'Licensing desk');
  await importFromDrive(page, returnFile);
  await expect(page.getByTestId('import-result')).toContainText('Applied');
  await go(page, 'Product instances');
  await expect(instanceRow(page, 'EDB16')).toContainText('Removed');

  // Six codes crossed, each as its own file on the drive, and nothing else was written there.
  expect(seen.size).toBe(6);
  expect(readdirSync(driveDir).sort()).toEqual([...seen].sort());
});
