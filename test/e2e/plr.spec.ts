// A Permanent License Reservation: one code, no confirmation code, the device reports ULR.
import { expect, test } from './support/fixtures.ts';
import {
  addDevice,
  codeBlock,
  createAuthority,
  createSite,
  importFromDrive,
  inboxAction,
  instanceRow,
  loadCatalog,
  prepareAuthority,
  saveCodeToDrive,
  startFlow,
  switchTo,
  trustFileText,
} from './support/ui.ts';

test('reserve an Expressway with PLR without Export Control', async ({ airlock }) => {
  const { page, driveDir } = airlock;
  const seen = new Set<string>();

  await createAuthority(page, 'Licensing desk');
  await prepareAuthority(page);
  await loadCatalog(page, 'Cisco Expressway', 10);
  const trust = await trustFileText(page);
  await createSite(page, 'Edge site', trust);
  await addDevice(page, {
    name: 'expwy-e1',
    product: 'expressway',
    pid: 'Expressway',
    sn: '08F8FF3C',
    vid: '1.0',
    hostId: '320aa69d',
  });

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

  await switchTo(page, 'Licensing desk');
  await importFromDrive(page, requestFile);
  await inboxAction(page, requestFile, 'Reserve').click();
  await expect(page.getByTestId('request-preview')).toContainText('EXPY');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel(/Permanent License Reservation \(PLR\) without Export Control/).check();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Generate Authorization Code' }).click();
  await expect(
    page.getByText('xcommand License Smart Reservation Install "', { exact: false }),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Enter Confirmation Code' })).toHaveCount(0);
  const authorizationFile = await saveCodeToDrive(
    page,
    codeBlock(page, 'Authorization code'),
    driveDir,
    seen,
  );
  await page.getByRole('button', { name: 'Close' }).click();
  await expect(instanceRow(page, '08F8FF3C')).toContainText('PLR');

  await switchTo(page, 'Edge site');
  await importFromDrive(page, authorizationFile);
  await inboxAction(page, authorizationFile, 'Install').click();
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByTestId('verify-checks')).toContainText('Permanent License Reservation');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Install', exact: true }).click();
  await expect(page.getByText('PLR installed: no confirmation code is needed.')).toBeVisible();
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByTestId('registration-status')).toHaveText(
    'Registered - Universal License Reservation',
  );
  expect(seen.size).toBe(2);
});
