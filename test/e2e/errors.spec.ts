// Mistakes are caught early and explained in the operator's words; what was typed is kept.
import { expect, test } from './support/fixtures.ts';
import { setUpBothSides } from './support/journeys.ts';
import { codeBlock, go, openDevice, startFlow, switchTo } from './support/ui.ts';

/** Replaces one character with another of the same kind (digit for digit, letter for letter). */
function mistype(code: string, index: number): string {
  const c = code[index]!;
  const replacement = /\d/.test(c) ? String((Number(c) + 3) % 10) : c === 'X' ? 'Y' : 'X';
  return code.slice(0, index) + replacement + code.slice(index + 1);
}

test('a mistyped request code and a tampered authorization code are each explained', async ({
  airlock,
}) => {
  const { page } = airlock;
  await setUpBothSides(page, {
    authority: 'Licensing desk',
    catalog: 'Cisco Unified CM (UCM)',
    licenses: 20,
    site: 'Plant D',
    device: {
      name: 'cucm-3',
      product: 'ucm',
      pid: 'UCM',
      sn: 'AB1234',
      uuid: '11112222333344445555666677778888',
    },
  });
  await startFlow(page, 'New reservation');
  await page.getByRole('button', { name: 'Enable reservation' }).click();
  await page.getByRole('button', { name: 'Get request code' }).click();
  const requestCode = (await codeBlock(page, 'Reservation request code')
    .getByTestId('code-value')
    .textContent())!.trim();

  // A mistyped character in the serial number is located in the UDI.
  await switchTo(page, 'Licensing desk');
  await go(page, 'Smart License Reservation');
  const index = requestCode.indexOf('AB1234') + 3;
  const typo = mistype(requestCode, index);
  await page.locator('#request-code').fill(typo);
  const alert = page.getByRole('alert').filter({ hasText: 'looks mistyped' });
  await expect(alert).toContainText(`Character ${index + 1} (in the UDI) looks mistyped.`);
  await expect(alert).toContainText('REQUEST_CODE_CHECK_FAILED');
  await expect(page.locator('#request-code')).toHaveValue(typo);

  // The corrected code is accepted and issued.
  await page.locator('#request-code').fill(requestCode);
  await expect(page.getByTestId('request-preview')).toContainText('AB1234');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('UC Manager Essential License (12.x)').fill('2');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Generate Authorization Code' }).click();
  const authorization = (await codeBlock(page, 'Authorization code')
    .getByTestId('code-value')
    .textContent())!.trim();
  expect(authorization).toContain('<count>2</count>');

  // At the site, a tampered count breaks the signature: shown at Verify and refused at Install.
  const tampered = authorization.replace('<count>2</count>', '<count>9</count>');
  await switchTo(page, 'Plant D');
  await openDevice(page, 'cucm-3');
  await startFlow(page, 'Install authorization');
  await page.locator('#auth-code').fill(tampered);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByTestId('verify-checks')).toContainText('Signature invalid');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Install', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'signature' })).toContainText(
    "The authorization code's signature is not valid for the trusted authority",
  );
  await expect(page.getByRole('heading', { name: /Step 3/ })).toBeVisible();

  // Inspect says the same, in plain words.
  await go(page, 'Inspect a code');
  await page.locator('#inspect-code').fill(tampered);
  await page.getByRole('button', { name: 'Inspect', exact: true }).click();
  await expect(page.getByTestId('inspect-signature')).toContainText('Signature invalid');
});
