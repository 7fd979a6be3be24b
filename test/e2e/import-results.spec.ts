// Import feedback (issue 13, point 8): one verdict per file — what was taken in, what was refused
// and why — each refused row dismissable, and a large file summarised by kind with its rows
// behind a disclosure instead of a list of every code.
import { basename } from 'node:path';
import type { WorkspaceDto } from '../../shared/ipc/dto.ts';
import { expect, test } from './support/fixtures.ts';
import type { Airlock } from './support/fixtures.ts';
import {
  carry,
  reservedDevice,
  seedAuthority,
  seedDevice,
  seedDeviceList,
  seedSite,
  tagOf,
} from './support/router.ts';
import { go, switchTo } from './support/ui.ts';

async function exportAll(airlock: Airlock, from: WorkspaceDto): Promise<string> {
  return basename(await carry(airlock, from, null));
}

test('a large file in one verdict, summarised; what was refused said and dismissed', async ({
  airlock,
}) => {
  const { page } = airlock;
  const deskA = await seedAuthority(airlock);
  await seedAuthority(airlock, { name: 'Desk B' });
  const site = await seedSite(airlock, 'Plant I', deskA.trust);
  const reserved = await seedDevice(airlock, site, {
    name: 'cucm-i',
    product: 'ucm',
    pid: 'UCM',
    sn: 'IMP000',
    uuid: 'aa1b2a4c9f0d4e3b8a7c6d5e4f3a2b1c',
  });
  // Reserved and confirmed at desk A: its confirmation code still waits at the site.
  await reservedDevice(airlock, deskA, site, reserved.id, {
    [tagOf(deskA, 'UC Manager Basic License (12.x)')]: 1,
  });
  await seedDeviceList(
    airlock,
    site,
    Array.from(
      { length: 30 },
      (_, i) => `imp-${i},ucm,UCM,IMP${String(i + 1).padStart(3, '0')},,,,`,
    ),
  );
  await airlock.invoke('site.requestBatch', { workspaceId: site.id });
  const file = await exportAll(airlock, site);

  // Brought to desk B, which issued nothing for that device: 30 requests in, 1 refused (the
  // reserved device's own request is done: its authorization was installed).
  await airlock.open();
  await switchTo(page, 'Desk B');
  await go(page, 'Transfer (drives)');
  await page.getByRole('button', { name: `Import ${file}` }).click();
  const result = page.getByTestId('import-result');
  await expect(result.getByRole('status').first()).toHaveText(
    `${file}: 30 of 31 code(s) taken in, 1 refused.`,
  );
  const counts = page.getByTestId('import-counts');
  await expect(counts).toContainText('30 waiting for you');
  await expect(counts).toContainText('1 refused');
  await expect(counts).toContainText('Request code: 30');
  await expect(counts).toContainText('Confirmation code: 1');
  // The reason for the one refused, and no list of every code until asked for.
  await expect(result).toContainText('Refused, and why:');
  await expect(result.getByTestId('import-rows')).toHaveCount(0);
  await result.getByText('Show all 31 codes').click();
  await expect(result.getByTestId('import-rows').getByRole('status')).toHaveText('31 of 31');

  // Dismissed: the row says so here and in "Came in"; nothing is left to act on for it.
  await result.getByRole('button', { name: 'Dismiss the Confirmation code' }).click();
  await expect(result.getByRole('button', { name: /^Dismiss/ })).toHaveCount(0);
  await expect(result).toContainText('Dismissed');
  await page.locator('#inbox-status').selectOption('dismissed');
  await expect(page.getByTestId('inbox-table').getByRole('status')).toHaveText('1 row');
  await page.locator('#inbox-status').selectOption('failed');
  await expect(page.getByTestId('inbox-table').getByRole('status')).toHaveText('0 rows');
});
