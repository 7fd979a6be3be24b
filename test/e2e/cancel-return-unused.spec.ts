// A request is cancelled after the authority already answered it: the unused authorization is
// returned from the device, and the return code releases the licenses at the authority.
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

test('cancel a request, then return the unused authorization', async ({ airlock }) => {
  const { page, driveDir } = airlock;
  const seen = new Set<string>();

  await createAuthority(page, 'Licensing desk');
  await prepareAuthority(page);
  await loadCatalog(page, 'Cisco Unified CM (UCM)', 20);
  const trust = await trustFileText(page);
  await createSite(page, 'Plant C', trust);
  await addDevice(page, {
    name: 'cucm-sub-2',
    product: 'ucm',
    pid: 'UCM',
    sn: 'C0FFEE',
    uuid: '0a1b2c3d4e5f60718293a4b5c6d7e8f9',
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
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('UC Manager Basic License (12.x)').fill('3');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Generate Authorization Code' }).click();
  const authorizationFile = await saveCodeToDrive(
    page,
    codeBlock(page, 'Authorization code'),
    driveDir,
    seen,
  );
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
  const returnFile = await saveCodeToDrive(
    page,
    codeBlock(page, 'Reservation return code'),
    driveDir,
    seen,
  );
  await page.getByRole('button', { name: 'Done' }).click();

  // Authority: the return code releases the blocked licenses.
  await switchTo(page, 'Licensing desk');
  await importFromDrive(page, returnFile);
  await expect(page.getByTestId('import-result')).toContainText('Applied');
  await go(page, 'Product instances');
  await expect(instanceRow(page, 'C0FFEE')).toContainText('Removed');
});
