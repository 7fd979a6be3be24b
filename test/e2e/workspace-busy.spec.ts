// Another process holding a workspace's write lock past the wait: the refusal is explained in the
// operator's language like any other, and nothing typed is lost; once it lets go, the same
// form goes through.
import Database from 'better-sqlite3';
import type { DeviceRowDto, PageDto, WorkspaceDto } from '../../shared/ipc/dto.ts';
import { databasePath } from './support/damage.ts';
import { expect, test } from './support/fixtures.ts';
import { go, switchTo } from './support/ui.ts';

test('WORKSPACE_BUSY: explained, the form keeps what was typed, and works once free', async ({
  airlock,
}) => {
  const { page } = airlock;
  const site = await airlock.invoke<WorkspaceDto>('workspace.create', {
    kind: 'site',
    name: 'Plant W',
  });
  await airlock.open();
  await switchTo(page, 'Plant W');
  await go(page, 'Devices');
  await page.getByRole('button', { name: 'Add device' }).click();
  await page.locator('#dev-name').fill('held-1');
  await page.locator('#dev-sn').fill('HELD1');

  // A script's transaction holds the write lock (as `airlock` would in the middle of a batch).
  const other = new Database(databasePath(airlock, site.id));
  try {
    other.exec('BEGIN IMMEDIATE');
    await page.getByRole('button', { name: 'Add device' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'WORKSPACE_BUSY' });
    await expect(alert).toContainText('Another Airlock process is changing this workspace');
    await expect(alert).toContainText('Nothing was changed; try again.');
    await expect(page.locator('#dev-name')).toHaveValue('held-1');
    await expect(page.locator('#dev-sn')).toHaveValue('HELD1');
  } finally {
    other.exec('ROLLBACK');
    other.close();
  }
  // The refused add left nothing behind: the site still has no device before the retry.
  const devices = await airlock.invoke<PageDto<DeviceRowDto>>('site.devicePage', {
    workspaceId: site.id,
    offset: 0,
    limit: 10,
  });
  expect(devices.total).toBe(0);
  expect(devices.rows).toHaveLength(0);

  await page.getByRole('button', { name: 'Add device' }).click();
  await expect(page.getByRole('heading', { name: 'held-1', level: 1 })).toBeVisible();
  const after = await airlock.invoke<PageDto<DeviceRowDto>>('site.devicePage', {
    workspaceId: site.id,
    offset: 0,
    limit: 10,
  });
  expect(after.total).toBe(1);
});
