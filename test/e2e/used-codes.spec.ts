// Codes have a life (issue 13, points 3, 4 and 8): a request already reserved loses its Reserve
// button and "Reserve all" leaves it out, a second reservation for the same device is refused
// naming the instance that holds it, an installed authorization loses its Install button (and a
// first install keeps its heading), a code carried by hand is marked done and leaves "Export all
// waiting", and a refused row is dismissed.
import type { Page } from '@playwright/test';
import { basename } from 'node:path';
import type { WorkspaceDto } from '../../shared/ipc/dto.ts';
import { expect, test } from './support/fixtures.ts';
import {
  type SeededAuthority,
  carry as carryFile,
  requestCodeOf,
  seedAuthority,
  seedDevice,
  seedSite,
} from './support/router.ts';
import { go, switchTo } from './support/ui.ts';
import type { Airlock } from './support/fixtures.ts';

const ucm = (name: string, sn: string, digit: string) => ({
  name,
  product: 'ucm' as const,
  pid: 'UCM',
  sn,
  uuid: `${digit}e1b2a4c9f0d4e3b8a7c6d5e4f3a2b1c`,
});

/** Every code waiting in one side's outbox, written to the drive in one file (its name). */
async function carry(airlock: Airlock, from: WorkspaceDto, to: WorkspaceDto | null) {
  return basename(await carryFile(airlock, from, to));
}

/** A row of "Came in" by what it is about (a device's name, a serial number in a UDI). */
const inboxRow = (page: Page, about: string) =>
  page.getByTestId('inbox-table').locator('tbody tr', { hasText: about });
const outboxRow = (page: Page, kind: string, device: string) =>
  page
    .getByTestId('outbox-table')
    .locator('tbody tr', { hasText: kind })
    .filter({ hasText: device });

async function importFile(page: Page, file: string): Promise<void> {
  await go(page, 'Transfer (drives)');
  await page.getByRole('button', { name: `Import ${file}` }).click();
  await expect(page.getByTestId('import-result')).toContainText(file);
}

test('a reserved request has no Reserve button, Reserve all skips it, a second one is refused', async ({
  airlock,
}) => {
  const { page } = airlock;
  const desk: SeededAuthority = await seedAuthority(airlock);
  const site = await seedSite(airlock, 'Plant U', desk.trust);
  const a = await seedDevice(airlock, site, ucm('cucm-a', 'USEA1', '1'));
  const b = await seedDevice(airlock, site, ucm('cucm-b', 'USEB1', '2'));
  const codeA = await requestCodeOf(airlock, site, a.id);
  await requestCodeOf(airlock, site, b.id);
  const requests = await carry(airlock, site, null);

  await airlock.open();
  await switchTo(page, 'Licensing desk');
  await importFile(page, requests);
  await expect(page.getByTestId('import-result')).toContainText(
    `${requests}: all 2 code(s) taken in.`,
  );
  await expect(page.getByTestId('import-counts')).toContainText('2 waiting for you');
  // The sidebar says two codes came in and need action.
  await expect(page.getByTestId('pending-badge')).toHaveText('↓2');

  // A's request reserved from its row…
  await inboxRow(page, 'cucm-a').getByRole('button', { name: 'Reserve' }).click();
  await expect(page.getByTestId('request-preview')).toContainText('USEA1');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('UC Manager Basic License (12.x)').fill('1');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Generate Authorization Code' }).click();
  await expect(page.getByText('Authorization code issued for')).toBeVisible();

  // …is done (and now names the instance it went to): no Reserve button any more, B's still there.
  await go(page, 'Transfer (drives)');
  await expect(inboxRow(page, 'UDI_SN:USEA1;')).toContainText('Applied');
  await expect(
    inboxRow(page, 'UDI_SN:USEA1;').getByRole('button', { name: 'Reserve' }),
  ).toHaveCount(0);
  await expect(inboxRow(page, 'cucm-b').getByRole('button', { name: 'Reserve' })).toBeVisible();
  await expect(page.getByTestId('pending-badge')).toHaveText(/^↑1\s*↓1$/);

  // "Reserve all requests" takes B alone: A's request is not issued twice.
  await page.getByRole('button', { name: 'Reserve all requests' }).click();
  await page.getByRole('button', { name: 'Use them' }).click();
  await expect(page.getByText('1 request code(s) found.')).toBeVisible();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('UC Manager Basic License (12.x)').fill('1');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Reserve for 1 device(s)' }).click();
  await expect(page.getByText('1 reserved, 0 refused.', { exact: false })).toBeVisible();

  // Typed in again by hand, A's code is refused, naming the reservation A already holds.
  await go(page, 'Dashboard');
  await go(page, 'Batch reservation');
  await page.getByRole('textbox', { name: 'Request codes, one per line' }).fill(codeA);
  await expect(page.getByText('1 request code(s) found.')).toBeVisible();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('UC Manager Basic License (12.x)').fill('1');
  await page.getByRole('button', { name: 'Next' }).click();
  // What the desk holds before the refused batch: its licenses and its instances.
  const deskState = async () => ({
    licenses: await airlock.invoke('authority.licenses', {
      workspaceId: desk.authority.id,
      va: desk.va,
    }),
    instances: await airlock.invoke('authority.instances', { workspaceId: desk.authority.id }),
  });
  const before = await deskState();
  await page.getByRole('button', { name: 'Reserve for 1 device(s)' }).click();
  await expect(page.getByText('0 reserved, 1 refused.', { exact: false })).toBeVisible();
  // The refusal took no license and made no instance.
  expect(await deskState()).toEqual(before);
  await expect(page.getByText('already holds a reservation')).toBeVisible();
  await page.getByRole('button', { name: 'Open that instance' }).click();
  await expect(
    page.getByRole('heading', { name: 'UDI_PID:UCM; UDI_SN:USEA1;', level: 1 }),
  ).toBeVisible();
});

test('an installed authorization has no Install button; carried by hand is done; refused is dismissed', async ({
  airlock,
}) => {
  const { page } = airlock;
  const desk = await seedAuthority(airlock);
  const site = await seedSite(airlock, 'Plant V', desk.trust);
  const a = await seedDevice(airlock, site, ucm('cucm-a', 'INSA1', '3'));
  const b = await seedDevice(airlock, site, ucm('cucm-b', 'INSB1', '4'));
  for (const device of [a, b]) {
    await airlock.invoke('authority.reserve', {
      workspaceId: desk.authority.id,
      va: desk.va,
      requestCode: await requestCodeOf(airlock, site, device.id),
      selection: {
        type: 'SLR',
        licenses: { [desk.licenses.get('UC Manager Basic License (12.x)')!.tag]: 1 },
      },
    });
  }
  await carry(airlock, site, null);
  const authorizations = await carry(airlock, desk.authority, null);

  await airlock.open();
  await switchTo(page, 'Plant V');
  await importFile(page, authorizations);
  await inboxRow(page, 'cucm-a').getByRole('button', { name: 'Install' }).click();

  // A first install: its heading stays "Install authorization" to the end.
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toHaveText('Install authorization');
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Install', exact: true }).click();
  await expect(page.getByRole('heading', { name: /Confirmation code/, level: 2 })).toBeVisible();
  await expect(heading).toHaveText('Install authorization');

  // Installed: no Install button on its row.
  await go(page, 'Transfer (drives)');
  await expect(inboxRow(page, 'cucm-a')).toContainText('Applied');
  await expect(inboxRow(page, 'cucm-a').getByRole('button', { name: 'Install' })).toHaveCount(0);
  await expect(inboxRow(page, 'cucm-b').getByRole('button', { name: 'Install' })).toBeVisible();

  // A's confirmation code, carried by hand (typed at the desk), is marked done: not sent again.
  const outbox = page.getByRole('region', { name: 'Waiting to go out' });
  await expect(outbox.getByRole('button', { name: 'Export all waiting (1)' })).toBeVisible();
  await outboxRow(page, 'Confirmation code', 'cucm-a').getByRole('checkbox').check();
  await outbox.getByRole('button', { name: 'Mark selected done (1)' }).click();
  await expect(page.getByTestId('marked-result')).toHaveText(
    '1 code(s) marked done: they no longer wait to go out.',
  );
  await expect(outboxRow(page, 'Confirmation code', 'cucm-a')).toContainText('Done');
  await expect(outbox.getByRole('button', { name: 'Export all waiting (0)' })).toBeDisabled();

  // A file of authorizations brought to the desk by mistake: one verdict, the reason, dismissed.
  await switchTo(page, 'Licensing desk');
  await importFile(page, authorizations);
  const result = page.getByTestId('import-result');
  await expect(result).toContainText(
    `${authorizations}: refused — none of its 2 code(s) could be used.`,
  );
  await expect(result).toContainText('Refused, and why:');
  await result.getByRole('button', { name: 'Dismiss all 2 refused' }).click();
  await expect(result.getByRole('button', { name: /^Dismiss/ })).toHaveCount(0);
  await expect(inboxRow(page, 'INSA1')).toContainText('Dismissed');
  await expect(inboxRow(page, 'INSB1')).toContainText('Dismissed');
});
