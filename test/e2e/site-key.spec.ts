// A site whose checkpoint key is kept under a passphrase (as `airlock site init` makes one with
// AIRLOCK_PASSPHRASE): every change is signed with that key, so in a new session the window says
// the key is locked and offers to unlock it; until then a change is refused and changes nothing.
import type { WorkspaceDto } from '../../shared/ipc/dto.ts';
import { expect, test } from './support/fixtures.ts';
import { lookAt } from './support/operator.ts';
import { PASSPHRASE, switchTo } from './support/ui.ts';

const device = (sn: string) => ({
  external: false,
  product: 'ucm',
  pid: 'UCM',
  sn,
});

test('a site key kept under a passphrase: locked in a new session, changes refused, unlocked from the banner', async ({
  airlock,
}) => {
  const { page } = airlock;
  const site = await airlock.invoke<WorkspaceDto>('workspace.create', {
    kind: 'site',
    name: 'Plant K',
    passphrase: PASSPHRASE,
  });
  const workspaceId = site.id;
  await airlock.invoke('site.addDevice', { workspaceId, ...device('K1') });
  await airlock.services.close(); // a new session: the key is locked again

  await airlock.open();
  await switchTo(page, 'Plant K');
  const banner = page.getByTestId('site-key-banner');
  await expect(banner.getByRole('heading', { name: 'This site’s key is locked' })).toBeVisible();
  await expect(banner).toContainText('Reading needs no key.');
  await lookAt(page, 'site-key-locked');

  // Locked, a change is refused and changes nothing.
  await expect(airlock.invoke('site.addDevice', { workspaceId, ...device('K2') })).rejects.toThrow(
    /AUDIT_KEY_LOCKED/,
  );
  const before = await airlock.invoke<{ deviceCount: number }>('site.overview', { workspaceId });
  expect(before.deviceCount).toBe(1);

  // A wrong passphrase is refused in place; the right one unlocks, and the banner goes.
  await banner.getByLabel('Site key passphrase').fill('not the passphrase at all');
  await banner.getByRole('button', { name: 'Unlock' }).click();
  await expect(banner.getByRole('alert')).toContainText('PASSPHRASE_WRONG');
  await banner.getByLabel('Site key passphrase').fill(PASSPHRASE);
  await banner.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByText('Site key unlocked.')).toBeVisible();
  await expect(banner).toHaveCount(0);
  await airlock.invoke('site.addDevice', { workspaceId, ...device('K2') });
  const after = await airlock.invoke<{ deviceCount: number }>('site.overview', { workspaceId });
  expect(after.deviceCount).toBe(2);
});
