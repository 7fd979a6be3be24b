// A script beside the open app (the airlock CLI is another process with its own connection to
// the same data folder) adds a device and runs a command on another: the Devices screen and the
// device's page show both without a click, as main tells the window what changed.
import type { WorkspaceDto } from '../../shared/ipc/dto.ts';
import { createAppServices } from '../../electron/app-services.ts';
import { createRouter } from '../../electron/ipc/router.ts';
import { expect, test } from './support/fixtures.ts';
import { seedDeviceList } from './support/router.ts';
import { go, openDevice, switchTo } from './support/ui.ts';

test('a device a script adds appears on the open Devices screen without a click', async ({
  airlock,
}) => {
  const { page } = airlock;
  const site = await airlock.invoke<WorkspaceDto>('workspace.create', {
    kind: 'site',
    name: 'Plant C',
  });
  await seedDeviceList(airlock, site, [
    'cucm-c1,ucm,UCM,CEE01,,,,',
    'cucm-c2,ucm,UCM,CEE02,,,,',
    'cucm-c3,ucm,UCM,CEE03,,,,',
  ]);
  await airlock.open();
  await switchTo(page, 'Plant C');
  await go(page, 'Devices');
  const table = page.getByTestId('devices-table');
  await expect(table.getByRole('status')).toHaveText('3 of 3');

  // "Another process": its own services and router on the same data folder, as the CLI has.
  const script = createAppServices({ dataDir: airlock.dataDir, appVersion: 'cli' });
  try {
    const cli = createRouter(script);
    const added = await cli.invoke('site.addDevice', {
      workspaceId: site.id,
      external: false,
      product: 'ucm',
      pid: 'UCM',
      sn: 'SCRIPT1',
      name: 'from-a-script',
    });
    expect(added.ok).toBe(true);
    await expect(table.getByRole('button', { name: 'from-a-script', exact: true })).toBeVisible();
    await expect(table.getByRole('status')).toHaveText('4 of 4');
    await expect(page.locator('#device-waiting')).toContainText('Reservation to be enabled (4)');

    // On a device's page: the script enables reservation, the page shows the new status.
    await openDevice(page, 'cucm-c2');
    const status = page.getByTestId('registration-status');
    await expect(status).toHaveText('Unregistered');
    const enabled = await cli.invoke('site.action', {
      workspaceId: site.id,
      deviceId: 'dev-2',
      action: 'enable',
    });
    expect(enabled.ok).toBe(true);
    await expect(status).toHaveText('Reservation In Progress');
  } finally {
    await script.close();
  }
});
