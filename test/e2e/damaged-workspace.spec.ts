// A workspace whose database is damaged, or gone, is never opened as if nothing happened nor
// quietly reset: the operator sees what is wrong, the backups, what restoring one would lose,
// restores it behind a confirmation that starts on Cancel, and the workspace opens again.
import { existsSync, readFileSync } from 'node:fs';
import type { BackupDto, WorkspaceDto } from '../../shared/ipc/dto.ts';
import { damageDatabase, databasePath, deleteDatabase } from './support/damage.ts';
import { expect, test } from './support/fixtures.ts';
import { seedDevice, seedDeviceList } from './support/router.ts';
import { go, switchTo } from './support/ui.ts';

/**
 * A site with two devices (added as a list: a backup is made before that batch), a backup made by
 * hand, then a third device neither backup holds.
 */
async function siteWithBackup(airlock: Parameters<typeof damageDatabase>[0], name: string) {
  const site = await airlock.invoke<WorkspaceDto>('workspace.create', { kind: 'site', name });
  await seedDeviceList(airlock, site, ['kept-1,ucm,UCM,KEPT1,,,,', 'kept-2,ucm,UCM,KEPT2,,,,']);
  const backup = await airlock.invoke<BackupDto>('workspace.backup', { workspaceId: site.id });
  await seedDevice(airlock, site, {
    name: 'after-backup',
    product: 'ucm',
    pid: 'UCM',
    sn: 'LATE1',
  });
  return { site, backup };
}

test('a damaged database: what is wrong, the backups, what restoring loses; restored, it opens', async ({
  airlock,
}) => {
  const { page } = airlock;
  const { site } = await siteWithBackup(airlock, 'Plant D');
  await damageDatabase(airlock, site.id);

  await airlock.open();
  await switchTo(page, 'Plant D');
  await expect(
    page.getByRole('heading', { name: '“Plant D” cannot be opened', level: 1 }),
  ).toBeVisible();
  const reason = page.locator('#damage-reason');
  await expect(reason).toContainText("This workspace's database is damaged");
  await expect(reason).toContainText('STORE_DAMAGED');
  // Every screen of the workspace leads here until it is restored.
  await go(page, 'Batch');
  await expect(page.locator('#damage-reason')).toContainText('STORE_DAMAGED');

  // The newest backup (made by hand) is chosen and previewed: the device added after it is lost.
  const backups = page.getByTestId('backup-choice');
  await expect(backups.getByRole('radio')).toHaveCount(2);
  await expect(backups.locator('tbody tr').first()).toContainText('Made by hand');
  await expect(backups.getByRole('radio').first()).toBeChecked();
  await expect(page.getByTestId('restore-loses')).toContainText(
    'Restoring this backup loses 1 operation done after it',
  );

  // The confirmation starts on Cancel: Enter there restores nothing.
  await page.getByRole('button', { name: 'Restore this backup…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Restore this backup?' });
  await expect(dialog).toContainText('takes the place of the workspace’s database');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  const bytesBefore = readFileSync(databasePath(airlock, site.id));
  const backupsBefore = await airlock.invoke<BackupDto[]>('workspace.backups', {
    workspaceId: site.id,
  });
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.locator('#damage-reason')).toBeVisible();
  // Nothing was restored: the damaged file is the same bytes, and no backup was made or used up.
  const backupsAfter = await airlock.invoke<BackupDto[]>('workspace.backups', {
    workspaceId: site.id,
  });
  expect(readFileSync(databasePath(airlock, site.id)).equals(bytesBefore)).toBe(true);
  expect(backupsAfter).toHaveLength(backupsBefore.length);

  await page.getByRole('button', { name: 'Restore this backup…' }).click();
  await dialog.getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(
    page.getByText(/^Restored from workspace-.*\.db\. The workspace is open again\.$/),
  ).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Devices', level: 1 })).toBeVisible();
  const table = page.getByTestId('devices-table');
  await expect(table.getByRole('status')).toHaveText('2 of 2');
  await expect(table.getByRole('button', { name: 'kept-1', exact: true })).toBeVisible();
  await expect(table.getByRole('button', { name: 'after-backup', exact: true })).toHaveCount(0);
});

test('a deleted database with a backup: the same way back, nothing created in its place', async ({
  airlock,
}) => {
  const { page } = airlock;
  const { site } = await siteWithBackup(airlock, 'Plant G');
  await deleteDatabase(airlock, site.id);

  await airlock.open();
  await switchTo(page, 'Plant G');
  await expect(page.locator('#damage-reason')).toContainText(
    "This workspace's database is missing",
  );
  await expect(page.locator('#damage-reason')).toContainText('STORE_MISSING');
  // Opening it did not create an empty database in its place.
  expect(existsSync(databasePath(airlock, site.id))).toBe(false);
  await expect(page.getByTestId('restore-loses')).toContainText('loses 1 operation');
  await page.getByRole('button', { name: 'Restore this backup…' }).click();
  await page
    .getByRole('dialog', { name: 'Restore this backup?' })
    .getByRole('button', { name: 'Restore', exact: true })
    .click();
  await expect(page.getByTestId('devices-table').getByRole('status')).toHaveText('2 of 2');
});

test('a healthy workspace: its backups, one made now, and the full integrity check', async ({
  airlock,
}) => {
  const { page } = airlock;
  await siteWithBackup(airlock, 'Plant H');
  await airlock.open();
  await page.getByRole('button', { name: 'More actions for Plant H' }).click();
  await page.getByRole('menuitem', { name: 'Backups and integrity…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Backups of “Plant H”' });
  const list = dialog.getByTestId('backup-list');
  await expect(list.locator('tbody tr')).toHaveCount(2);
  await expect(list.locator('tbody tr').first()).toContainText('Made by hand');
  await expect(list.locator('tbody tr').last()).toContainText('Before a batch');

  await dialog.getByRole('button', { name: 'Back up now' }).click();
  await expect(dialog.getByTestId('backup-made')).toContainText('Backed up');
  await expect(list.locator('tbody tr')).toHaveCount(3);
  await dialog.getByRole('button', { name: 'Check integrity' }).click();
  await expect(dialog.getByTestId('integrity-result')).toHaveText(
    'Integrity check passed: the database is sound.',
  );

  // Restoring a healthy workspace is there too, and shows first what it would lose.
  await dialog.getByRole('button', { name: 'Restore a backup…' }).click();
  await expect(
    page.getByRole('heading', { name: 'Restore “Plant H” from a backup', level: 1 }),
  ).toBeVisible();
  await expect(page.getByTestId('restore-loses')).toContainText(
    'Restoring this backup loses nothing',
  );
});
