// Forms (issue 13, point 11): Enter goes on, each problem sits under its own field (tied to it)
// and goes once fixed, fields keep their place, and the device form asks what the product's UDI
// holds: UUID for Unified CM, Host ID and VID for Expressway, serial number alone for IOS-XE.
import type { WorkspaceDto } from '../../shared/ipc/dto.ts';
import { expect, test } from './support/fixtures.ts';
import { PASSPHRASE, go, switchTo } from './support/ui.ts';

test('the passphrase step: Enter goes on, each problem under its field, gone once fixed', async ({
  airlock,
}) => {
  const { page } = airlock;
  await page.getByRole('button', { name: 'New authority' }).click();
  await page.locator('#ws-name').fill('Keyboard desk');
  await page.locator('#ws-name').press('Enter');
  const pass = page.locator('#ws-pass');
  const repeat = page.locator('#ws-pass2');

  await pass.fill('short');
  await pass.press('Enter');
  await expect(pass).toHaveAccessibleDescription(/Use at least 10 characters\./);
  await expect(pass).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#ws-pass2-problem')).toHaveCount(0);
  // Long enough now: the problem goes as it is typed.
  await pass.fill(PASSPHRASE);
  await expect(page.locator('#ws-pass-problem')).toHaveCount(0);
  // Not the same twice: under the second field.
  await repeat.fill(`${PASSPHRASE}!`);
  await repeat.press('Enter');
  await expect(repeat).toHaveAccessibleDescription('The two passphrases differ.');
  await repeat.fill(PASSPHRASE);
  await expect(page.locator('#ws-pass2-problem')).toHaveCount(0);
  await repeat.press('Enter');
  await expect(page.getByText('Workspace “Keyboard desk” is ready.')).toBeVisible();
});

test('the device form follows the product, and a refused UUID is told under the UUID', async ({
  airlock,
}) => {
  const { page } = airlock;
  await airlock.invoke<WorkspaceDto>('workspace.create', { kind: 'site', name: 'Plant G' });
  await airlock.open();
  await switchTo(page, 'Plant G');
  await go(page, 'Devices');
  await page.getByRole('button', { name: 'Add device' }).click();
  const product = page.locator('#dev-product');

  // Unified CM: its UUID; no Host ID, no VID.
  await expect(page.getByLabel('UUID')).toBeVisible();
  await expect(page.getByLabel('Host ID')).toHaveCount(0);
  await expect(page.getByLabel('UDI VID')).toHaveCount(0);
  // Expressway: Host ID and VID; no UUID.
  await product.selectOption('expressway');
  await expect(page.getByLabel('Host ID')).toBeVisible();
  await expect(page.getByLabel('UDI VID')).toBeVisible();
  await expect(page.getByLabel('UUID')).toHaveCount(0);
  // IOS-XE: the serial number alone, and always an external device.
  await product.selectOption('ios-xe');
  await expect(page.getByLabel('Host ID')).toHaveCount(0);
  await expect(page.getByLabel('UUID')).toHaveCount(0);
  await expect(page.getByText('identified by its PID and serial number alone')).toBeVisible();
  await expect(page.getByRole('radio', { name: /^Emulated/ })).toBeDisabled();

  // Back to a Unified CM: no serial number, Enter — the problem under the serial number.
  await product.selectOption('ucm');
  await page.getByRole('radio', { name: /^Emulated/ }).check();
  const submit = page.getByRole('button', { name: 'Add device' });
  const before = await submit.boundingBox();
  await page.locator('#dev-id').fill('not a uuid!');
  await page.locator('#dev-id').press('Enter');
  const sn = page.locator('#dev-sn');
  await expect(sn).toHaveAccessibleDescription('Enter the serial number.');
  // Fields keep their place while a problem shows.
  expect(await submit.boundingBox()).toEqual(before);
  await sn.fill('FORM01');
  await expect(page.locator('#dev-sn-problem')).toHaveCount(0);

  // Main refuses the UUID: told under the UUID, tied to it, gone as it is corrected.
  await sn.press('Enter');
  const uuid = page.locator('#dev-id');
  await expect(uuid).toHaveAccessibleDescription(/UUID contains characters that are not allowed/);
  await expect(uuid).toHaveAttribute('aria-invalid', 'true');
  expect(await submit.boundingBox()).toEqual(before);
  await uuid.fill('fe1b2a4c9f0d4e3b8a7c6d5e4f3a2b1c');
  await expect(page.locator('#dev-id-problem')).toHaveCount(0);
  await uuid.press('Enter');
  await expect(page.getByRole('heading', { name: 'UCM FORM01', level: 1 })).toBeVisible();
});
