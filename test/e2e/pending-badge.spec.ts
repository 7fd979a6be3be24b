// The sidebar's pending badge (issue 13): how many codes wait to be carried out and how many came
// in and still need action — counted by main, gone once they are carried or used.
import { expect, test } from './support/fixtures.ts';
import { requestCodeOf, seedAuthority, seedDevice, seedSite } from './support/router.ts';
import { exportAllWaiting } from './support/journeys.ts';
import { Drive } from './support/drive.ts';
import { go, importFromDrive, screenNav, switchTo } from './support/ui.ts';

test('codes waiting to go out and codes in to act on, on the Transfer link', async ({
  airlock,
}) => {
  const { page } = airlock;
  const drive = new Drive(airlock);
  const desk = await seedAuthority(airlock);
  const site = await seedSite(airlock, 'Plant P', desk.trust);
  for (const [name, sn, digit] of [
    ['cucm-p1', 'PEND01', '1'],
    ['cucm-p2', 'PEND02', '2'],
  ] as const) {
    const device = await seedDevice(airlock, site, {
      name,
      product: 'ucm',
      pid: 'UCM',
      sn,
      uuid: `${digit}f1b2a4c9f0d4e3b8a7c6d5e4f3a2b1c`,
    });
    await requestCodeOf(airlock, site, device.id);
  }
  await airlock.open();
  await switchTo(page, 'Plant P');
  const transfer = screenNav(page).getByRole('button', { name: 'Transfer (drives)', exact: true });
  const badge = page.getByTestId('pending-badge');
  await expect(badge).toHaveText('↑2');
  await expect(transfer).toHaveAccessibleDescription(
    '2 code(s) waiting to go out, 0 came in and need action',
  );

  // Carried out: nothing waits at the site any more.
  const file = await exportAllWaiting(page, 2, drive);
  await expect(badge).toHaveCount(0);

  // At the desk: two came in; one reserved leaves one to act on, and an authorization to carry.
  await switchTo(page, 'Licensing desk');
  await importFromDrive(page, file);
  await expect(badge).toHaveText('↓2');
  await page
    .getByTestId('inbox-table')
    .locator('tbody tr', { hasText: 'cucm-p1' })
    .getByRole('button', { name: 'Reserve' })
    .click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('UC Manager Basic License (12.x)').fill('1');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Generate Authorization Code' }).click();
  await expect(badge).toHaveText(/^↑1\s*↓1$/);
  await go(page, 'Dashboard');
  await expect(badge).toHaveText(/^↑1\s*↓1$/);
});
