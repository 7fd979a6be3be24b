// The licence step fits the product (issue 13, point 5): an Expressway request is offered the
// Expressway licences, the Unified CM ones folded away, no SME, PLR only where the pool holds it
// for Expressway; a Unified CM request gets SME; no licence name is cut before its release.
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';
import { LANGUAGES, isCut, speak } from './support/operator.ts';
import { requestCodeOf, seedAuthority, seedDevice, seedSite } from './support/router.ts';
import { go, switchTo } from './support/ui.ts';

async function toLicenceStep(page: Page, requestCode: string): Promise<void> {
  await go(page, 'Dashboard');
  await go(page, 'Smart License Reservation');
  await page.locator('#request-code').fill(requestCode);
  await expect(page.getByTestId('request-preview')).toBeVisible();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('heading', { name: /Select Licenses/ })).toBeVisible();
}

test('an Expressway request sees Expressway licences first, no SME, PLR only where held', async ({
  airlock,
}) => {
  const { page } = airlock;
  const both = await seedAuthority(airlock, { catalogs: ['ucm', 'expressway'] });
  const onlyUcm = await seedAuthority(airlock, { name: 'UCM desk', catalogs: ['ucm'] });
  const site = await seedSite(airlock, 'Plant L', both.trust);
  const edge = await seedDevice(airlock, site, {
    name: 'expwy-l',
    product: 'expressway',
    pid: 'Expressway',
    sn: 'LIC001',
    vid: '1.0',
    hostId: '6a1b2c3d',
  });
  const cucm = await seedDevice(airlock, site, {
    name: 'cucm-l',
    product: 'ucm',
    pid: 'UCM',
    sn: 'LIC002',
    uuid: '7e1b2a4c9f0d4e3b8a7c6d5e4f3a2b1c',
  });
  const expresswayCode = await requestCodeOf(airlock, site, edge.id);
  const ucmCode = await requestCodeOf(airlock, site, cucm.id);
  void onlyUcm;

  await airlock.open();
  await switchTo(page, 'Licensing desk');
  await toLicenceStep(page, expresswayCode);
  const fitting = page.getByTestId('fitting-licenses');
  await expect(fitting).toContainText('Expressway Rich Media Session');
  await expect(fitting).not.toContainText('UC Manager');
  const other = page.getByTestId('other-licenses');
  await expect(other).not.toHaveAttribute('open');
  await expect(other.locator('summary')).toHaveText(/^Licences for other products \(\d+\)$/);
  await expect(page.getByText('Session Management Edition (SME) cluster')).toHaveCount(0);
  // This pool holds Expressway's PLR licences: both options are offered.
  await expect(
    page.getByRole('radio', { name: /Permanent License Reservation \(PLR\) with Export/ }),
  ).toBeVisible();

  // A Unified CM request: its licences first, SME offered, every name whole in every language.
  await toLicenceStep(page, ucmCode);
  await expect(fitting.locator('tbody tr').first()).toContainText('UC Manager');
  await expect(page.getByText('Session Management Edition (SME) cluster')).toBeVisible();
  for (const language of LANGUAGES) {
    await speak(page, language);
    for (const name of await fitting.locator('tbody th').all())
      expect(await isCut(name), `${await name.textContent()} in ${language}`).toBe(false);
  }
  await speak(page, 'en');
  await expect(fitting).toContainText('UC Manager Enhanced License (12.x)');
  await expect(fitting).toContainText('UC Manager Enhanced License (14)');

  // A desk whose pool holds no Expressway licence at all: no PLR, the others open to choose from.
  await switchTo(page, 'UCM desk');
  await toLicenceStep(page, expresswayCode);
  await expect(page.getByText('The pool holds no licence for this product.')).toBeVisible();
  await expect(page.getByRole('radio', { name: /Permanent License Reservation/ })).toHaveCount(0);
  await expect(page.getByTestId('other-licenses')).toHaveAttribute('open');
  // Taken from there, another product's licence is meant: the desk issues the code (the same
  // licence typed for an Expressway on the command line needs --any-product).
  await page
    .getByTestId('other-licenses')
    .getByLabel('UC Manager Enhanced License (12.x)')
    .fill('1');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Generate Authorization Code' }).click();
  await expect(page.getByRole('button', { name: 'Close' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
});
