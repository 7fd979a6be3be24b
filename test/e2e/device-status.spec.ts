// An emulated device's page: usage above what is reserved turns it Out of Compliance in its
// status panel; its console prints the device's own words, explains a refusal below them in the
// operator's language, and lets a printed code go straight to the drive.
import { Drive } from './support/drive.ts';
import { expect, test } from './support/fixtures.ts';
import { reservedDevice, seedAuthority, seedDevice, seedSite, tagOf } from './support/router.ts';
import { codeBlock, openDevice, switchTo } from './support/ui.ts';

const ENHANCED = 'UC Manager Enhanced License (12.x)';

test('usage above the reservation is out of compliance; the console explains a refusal', async ({
  airlock,
}) => {
  const { page } = airlock;
  const drive = new Drive(airlock);
  const desk = await seedAuthority(airlock);
  const site = await seedSite(airlock, 'Plant C', desk.trust);
  const device = await seedDevice(airlock, site, {
    name: 'cucm-c',
    product: 'ucm',
    pid: 'UCM',
    sn: 'CMP01',
    uuid: '5e1b2a4c9f0d4e3b8a7c6d5e4f3a2b1c',
  });
  await reservedDevice(airlock, desk, site, device.id, { [tagOf(desk, ENHANCED)]: 4 });
  await airlock.open();
  await switchTo(page, 'Plant C');
  await openDevice(page, 'cucm-c');
  const authorization = page.getByTestId('authorization-status');
  await expect(authorization).toHaveText('Authorized - Reserved');

  // Nine in use against four reserved: the device says so, in its own words.
  const usage = page.getByLabel(`In use for ${ENHANCED}`);
  await usage.fill('9');
  await usage.press('Tab');
  await expect(authorization).toHaveText('Out of Compliance');
  const licenses = page.getByRole('region', { name: 'Licenses' });
  await expect(licenses.locator('tr', { hasText: ENHANCED })).toContainText('OutOfCompliance');
  await usage.fill('4');
  await usage.press('Tab');
  await expect(authorization).toHaveText('Authorized - Reserved');

  // A refused command: the device's words, then the sentence in the operator's language.
  const line = page.locator('#console-line');
  const output = page.getByTestId('console-output');
  await line.fill('license smart reservation cancel');
  await line.press('Enter');
  // CUCM ends a failed command with its own failure line.
  await expect(output.locator('pre.error')).toHaveText(
    'A reservation is installed; there is no request to cancel.\nExecuted command unsuccessfully',
  );
  const explained = page.getByTestId('console-explain');
  await expect(explained).toContainText(
    'A reservation is installed, so there is no request to cancel.',
  );
  await expect(explained).toContainText('Reference: NO_PENDING_REQUEST');
  await page.locator('#language').selectOption('ja');
  await expect(explained).toContainText(
    '予約がインストール済みのため、キャンセルする要求はありません。',
  );
  await expect(output.locator('pre.error')).toHaveText(
    'A reservation is installed; there is no request to cancel.\nExecuted command unsuccessfully',
  );
  await page.locator('#language').selectOption('en');

  // A code the console printed goes to the drive as the outbox item main queued for it.
  await line.fill('license smart reservation return');
  await line.press('Enter');
  await expect(page.getByTestId('registration-status')).toHaveText('Reservation In Progress');
  const block = codeBlock(page, 'Reservation return code');
  const code = (await block.getByTestId('code-value').textContent())!.trim();
  const file = await drive.save(block);
  expect(drive.read(file)).toContain(code);
  await expect(page.getByTestId('last-return')).toHaveText(code);
});
