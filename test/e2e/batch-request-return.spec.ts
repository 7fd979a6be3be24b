// Many devices in a few clicks: request codes for all of them at once, carried to the authority
// and reserved there in one batch, installed in one batch; then two of the three return their
// reservations at once, after a confirmation that starts on Cancel, and their codes wait to go out.
import { Drive } from './support/drive.ts';
import { expect, test } from './support/fixtures.ts';
import { batchRoundTrip, setUpBothSides } from './support/journeys.ts';
import { addDevicesFromList, go } from './support/ui.ts';

test('request codes for many devices at once, then return many reservations at once', async ({
  airlock,
}) => {
  const { page } = airlock;
  const drive = new Drive(airlock);
  await setUpBothSides(page, {
    authority: 'Licensing desk',
    catalog: 'Cisco Unified CM (UCM)',
    licenses: 30,
    site: 'Plant R',
  });
  await addDevicesFromList(page, [
    'name,product,pid,sn',
    'cucm-r1,ucm,UCM,BATCHR1',
    'cucm-r2,ucm,UCM,BATCHR2',
    'cucm-r3,ucm,UCM,BATCHR3',
  ]);

  // One click: reservation enabled and a request code printed on each of the three.
  await go(page, 'Batch');
  const request = page.getByRole('region', { name: 'Get request codes' });
  await expect(request.getByTestId('batch-request-count')).toHaveText(
    '3 emulated devices have no reservation and no request code waiting.',
  );
  await expect(request.getByTestId('batch-request-names')).toHaveText('cucm-r1, cucm-r2, cucm-r3');
  await request.getByRole('button', { name: 'Get 3 request codes' }).click();
  const requested = page.getByRole('region', { name: 'Request codes: results' });
  await expect(requested.getByTestId('batch-devices-summary')).toHaveText(
    '3 request code(s) printed, 0 refused. 3 code(s) wait to go out.',
  );
  await expect(requested.locator('tbody tr').filter({ hasText: 'Done' })).toHaveCount(3);
  // Each result names its device, before its UDI.
  await expect(requested.getByRole('columnheader').nth(1)).toHaveAccessibleName('Device');
  for (const name of ['cucm-r1', 'cucm-r2', 'cucm-r3'])
    await expect(
      requested.locator('tbody tr').filter({ hasText: name }).filter({ hasText: 'Done' }),
    ).toHaveCount(1);
  await expect(request.getByTestId('batch-request-none')).toBeVisible();

  // The trip: one file out, reserved in one batch, one file back, installed in one batch.
  await batchRoundTrip(page, drive, {
    site: 'Plant R',
    count: 3,
    license: 'UC Manager Basic License (12.x)',
    quantity: 2,
    devices: ['cucm-r1', 'cucm-r2', 'cucm-r3'],
  });

  // Two of the three return their reservations; cucm-r2 is left out.
  await page
    .getByRole('navigation', { name: 'Batch work' })
    .getByRole('button', { name: 'Request codes and returns' })
    .click();
  const returns = page.getByRole('region', { name: 'Return reservations' });
  await expect(returns.getByTestId('batch-return-count')).toHaveText(
    '3 emulated devices hold a reservation.',
  );
  await returns.getByText('Choose devices (3 of 3)').click();
  await returns.getByRole('checkbox', { name: 'Include cucm-r2' }).uncheck();
  await expect(returns.getByTestId('batch-return-names')).toHaveText('cucm-r1, cucm-r3');

  // The confirmation starts on Cancel: Enter there returns nothing.
  const open = returns.getByRole('button', { name: 'Return 2 reservations…' });
  const dialog = page.getByRole('dialog', { name: 'Return these reservations?' });
  await open.click();
  await expect(dialog).toContainText('2 devices will return their reservations:');
  await expect(dialog).toContainText('cucm-r1, cucm-r3');
  await expect(dialog).toContainText('This cannot be undone.');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(returns.getByTestId('batch-return-count')).toHaveText(
    '3 emulated devices hold a reservation.',
  );

  await open.click();
  await dialog.getByRole('button', { name: 'Return 2 reservations', exact: true }).click();
  await expect(dialog).toBeHidden();
  const returned = page.getByRole('region', { name: 'Returns: results' });
  // The three confirmation codes from the install wait too.
  await expect(returned.getByTestId('batch-devices-summary')).toHaveText(
    '2 reservation(s) returned, 0 refused. 5 code(s) wait to go out.',
  );
  const rows = returned.locator('tbody tr');
  await expect(rows.filter({ hasText: 'Done' })).toHaveCount(2);
  await expect(rows.filter({ hasText: 'cucm-r1' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'cucm-r3' })).toHaveCount(1);
  await expect(returns.getByTestId('batch-return-count')).toHaveText(
    '1 emulated device holds a reservation.',
  );

  // The return codes wait to go out, one per device.
  await returned.getByRole('button', { name: 'Open Transfer' }).click();
  const waiting = page
    .getByTestId('outbox-table')
    .locator('tbody tr:not(.spacer)')
    .filter({ hasText: 'Return code' })
    .filter({ hasText: 'Waiting' });
  await expect(waiting).toHaveCount(2);
  await expect(waiting.filter({ hasText: 'cucm-r1' })).toHaveCount(1);
  await expect(waiting.filter({ hasText: 'cucm-r3' })).toHaveCount(1);
});
