// The authority's actions on product instances, each through its dialog or wizard: rehost the
// licenses of a failed Expressway (with the reason logged) — a failed CUCM goes to TAC — transfer
// an instance to another virtual account, and remove one by pasting the return code its device
// printed. The instances are seeded through the router (the reservation wizard itself is covered
// by the SLR spec).
import type { Page } from '@playwright/test';
import { Drive } from './support/drive.ts';
import { expect, test } from './support/fixtures.ts';
import {
  deviceConsole,
  requestCodeOf,
  reservedDevice,
  seedAuthority,
  seedDevice,
  seedSite,
  tagOf,
} from './support/router.ts';
import { codeBlock, go, instanceRow, switchTo } from './support/ui.ts';

/** Replaces one character with another of the same kind, as a tired operator would. */
function mistype(code: string, index: number): string {
  const c = code[index]!;
  const replacement = /\d/.test(c) ? String((Number(c) + 3) % 10) : c === 'X' ? 'Y' : 'X';
  return code.slice(0, index) + replacement + code.slice(index + 1);
}

const ucm = (name: string, sn: string, digit: string) => ({
  name,
  product: 'ucm' as const,
  pid: 'UCM',
  sn,
  uuid: `${digit}e1b2a4c9f0d4e3b8a7c6d5e4f3a2b1c`,
});

const expressway = (name: string, sn: string, digit: string) => ({
  name,
  product: 'expressway' as const,
  pid: 'Expressway',
  sn,
  vid: '1.0',
  hostId: `320a${digit}69d`,
});

async function openActions(page: Page, sn: string, action: string): Promise<void> {
  await instanceRow(page, sn)
    .getByRole('button', { name: /^Actions for/ })
    .click();
  await page.getByRole('menuitem', { name: action }).click();
}

test('rehost from a failed product, transfer to another VA, remove by return code', async ({
  airlock,
}) => {
  const { page } = airlock;
  const drive = new Drive(airlock);
  const desk = await seedAuthority(airlock, {
    vas: ['DEFAULT', 'Lab'],
    catalogs: ['ucm', 'expressway'],
  });
  const enhanced = tagOf(desk, 'UC Manager Enhanced License (12.x)');
  const basic = tagOf(desk, 'UC Manager Basic License (12.x)');
  const rms = tagOf(desk, 'Expressway Rich Media Session');
  const site = await seedSite(airlock, 'Plant R', desk.trust);
  const failed = await seedDevice(airlock, site, expressway('expwy-failed', 'FAIL1', '1'));
  const replacement = await seedDevice(airlock, site, expressway('expwy-new', 'REPL1', '2'));
  const moving = await seedDevice(airlock, site, ucm('cucm-moving', 'MOVE1', '3'));
  const leaving = await seedDevice(airlock, site, ucm('cucm-leaving', 'LEAVE1', '4'));
  await reservedDevice(airlock, desk, site, failed.id, { [rms]: 4 });
  await reservedDevice(airlock, desk, site, moving.id, { [basic]: 2 });
  await reservedDevice(airlock, desk, site, leaving.id, { [enhanced]: 1 });
  const replacementRequest = await requestCodeOf(airlock, site, replacement.id);
  const { returnCode } = await deviceConsole(airlock, site, leaving.id)('return');

  await airlock.open();
  await switchTo(page, 'Licensing desk');
  await go(page, 'Product instances');

  // A failed CUCM is not rehosted here: the menu does not offer it, and says why in the words
  // of Cisco's guide (TAC) — the same sentence the desk refuses it with.
  await instanceRow(page, 'MOVE1')
    .getByRole('button', { name: /^Actions for/ })
    .click();
  const rehostUcm = page.getByRole('menuitem', { name: 'Rehost Licenses from a Failed Product' });
  await expect(rehostUcm).toBeDisabled();
  await expect(rehostUcm).toHaveAccessibleDescription(
    /the user must contact TAC, and TAC removes the product instance from the smart account/,
  );
  await page.keyboard.press('Escape');

  // Rehost: the replacement's request code and the reason → a code for the new UDI, to the drive.
  await openActions(page, 'FAIL1', 'Rehost Licenses from a Failed Product');
  await page.locator('#request-code').fill(replacementRequest);
  await expect(page.getByTestId('request-preview')).toContainText('REPL1');
  await page.locator('#rehost-reason').fill('RMA 8812345: power supply failure');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByText('RMA 8812345: power supply failure')).toBeVisible();
  await page.getByRole('button', { name: 'Generate Authorization Code' }).click();
  const code = (await codeBlock(page, 'Authorization code')
    .getByTestId('code-value')
    .textContent())!;
  expect(code).toContain('<count>4</count>');
  const file = await drive.save('Authorization code');
  expect(drive.read(file)).toContain('REPL1');
  await page.getByRole('button', { name: 'Close' }).click();
  await expect(instanceRow(page, 'FAIL1')).toContainText('Rehosted');
  await expect(instanceRow(page, 'REPL1')).toContainText('Not confirmed');
  // The replacement installs what was issued for it.
  const installed = await deviceConsole(airlock, site, replacement.id)('install', code.trim());
  expect(installed.device.registrationStatus).toBe('Registered - Specific License Reservation');
  // Eight days pass and its confirmation code never comes back: the instance says so.
  airlock.advanceClock(8 * 24 * 60 * 60 * 1000);

  // Show authorization code: only for a live instance; the dialog fetches the code (the list
  // carries none), and it goes to the drive again from there.
  await instanceRow(page, 'FAIL1')
    .getByRole('button', { name: /^Actions for/ })
    .click();
  await expect(page.getByRole('menuitem', { name: 'Show authorization code' })).toBeDisabled();
  await page.keyboard.press('Escape');
  await openActions(page, 'REPL1', 'Show authorization code');
  const shown = page.getByRole('dialog', { name: 'Show authorization code' });
  await expect(shown.getByTestId('code-value')).toBeVisible();
  expect((await shown.getByTestId('code-value').textContent())!.trim()).toBe(code.trim());
  const again = await drive.save(codeBlock(shown, 'Authorization code'));
  expect(drive.read(again)).toContain('REPL1');
  await shown.getByRole('button', { name: 'Close' }).last().click();
  await expect(shown).toBeHidden();

  // Transfer: the instance and its reserved licenses leave DEFAULT for Lab.
  await openActions(page, 'MOVE1', 'Transfer');
  const transfer = page.getByRole('dialog', { name: 'Transfer product instance' });
  await transfer.locator('#transfer-va').selectOption('Lab');
  await transfer.getByRole('button', { name: 'Transfer' }).click();
  await expect(transfer).toBeHidden();
  await expect(instanceRow(page, 'MOVE1')).toHaveCount(0);
  const late = instanceRow(page, 'REPL1').getByTestId('instance-alerts');
  await expect(late).toContainText('Minor');
  await expect(late).toContainText(
    /^Minor.*The authorization issued to P:Expressway,S:REPL1\S* 8 days ago/,
  );
  await expect(instanceRow(page, 'FAIL1').getByTestId('instance-alerts')).toHaveCount(0);
  await page.locator('#va-select').selectOption('Lab');
  await expect(instanceRow(page, 'MOVE1')).toContainText('Reserved');
  await go(page, 'Licenses');
  await expect(
    page.getByTestId('licenses-table').locator('tr', { hasText: 'UC Manager Basic License' }),
  ).toContainText('2');
  await page.locator('#va-select').selectOption('DEFAULT');
  await go(page, 'Product instances');

  // Remove: a mistyped return code is located and refused; the real one releases the licenses.
  await openActions(page, 'LEAVE1', 'Remove');
  const remove = page.getByRole('dialog', { name: 'Remove product instance' });
  await remove.locator('#return-code').fill(mistype(returnCode!, 8));
  await remove.getByRole('button', { name: 'Remove and release licenses' }).click();
  await expect(remove.getByRole('alert')).toContainText('of the return code');
  // Told under the field, the character it names marked where it was typed.
  await expect(remove.getByTestId('return-code-suspect').locator('mark')).toBeVisible();
  await remove.locator('#return-code').fill(returnCode!);
  await remove.getByRole('button', { name: 'Remove and release licenses' }).click();
  await expect(remove).toBeHidden();
  await expect(instanceRow(page, 'LEAVE1')).toContainText('Removed');

  // The event log keeps each action, and the rehost's reason.
  await go(page, 'Event log');
  const events = page.getByTestId('events-table');
  await expect(events.locator('tr', { hasText: 'Rehosted' })).toContainText(
    'RMA 8812345: power supply failure',
  );
  await expect(events.locator('tr', { hasText: 'Transferred' })).toContainText('S:MOVE1');
  await expect(events.locator('tr', { hasText: 'Removed' })).toContainText('S:LEAVE1');
});
