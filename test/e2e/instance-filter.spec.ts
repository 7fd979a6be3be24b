// Among 400 product instances, the three whose confirmation code never came back are found with
// the State filter (and from the dashboard's count); confirming one takes it off the filtered
// list at once — only the rows in view and the counts are read again.
import type { BatchItemDto, TransferItemDto, WorkspaceDto } from '../../shared/ipc/dto.ts';
import { expect, test } from './support/fixtures.ts';
import { seedAuthority, seedDeviceList, seedSite, tagOf } from './support/router.ts';
import { go, instanceRow, switchTo } from './support/ui.ts';

const COUNT = 400;
const pad = (n: number) => String(n).padStart(4, '0');

test('the Not confirmed filter finds the 3 unconfirmed instances among 400', async ({
  airlock,
}) => {
  const { page } = airlock;
  const call = airlock.invoke.bind(airlock);
  const desk = await seedAuthority(airlock, { count: 1000 });
  const site = await seedSite(airlock, 'Plant N', desk.trust);
  await seedDeviceList(
    airlock,
    site,
    Array.from({ length: COUNT }, (_, i) => `n-${pad(i + 1)},ucm,UCM,N${pad(i + 1)},,,,`),
  );

  // The whole trip through the router: requests, one batch reservation, one batch install.
  const requested = await call<{ items: BatchItemDto[] }>('site.requestBatch', {
    workspaceId: site.id,
  });
  const reserved = await call<{ items: BatchItemDto[] }>('authority.reserveBatch', {
    workspaceId: desk.authority.id,
    va: desk.va,
    requestCodes: requested.items.map((i) => i.code!),
    selection: { type: 'SLR', licenses: { [tagOf(desk, 'UC Manager Basic License (12.x)')]: 1 } },
  });
  expect(reserved.items.every((i) => i.ok)).toBe(true);
  const carry = async (from: WorkspaceDto, to: WorkspaceDto, leaveOut: number) => {
    const waiting = (
      await call<TransferItemDto[]>('transfer.items', { workspaceId: from.id, direction: 'out' })
    ).filter((i) => i.status === 'waiting');
    const kept = waiting.slice(0, waiting.length - leaveOut);
    const file = await call<{ path: string }>('transfer.export', {
      workspaceId: from.id,
      folder: airlock.services.handles.folder(airlock.driveDir),
      itemIds: kept.map((i) => i.id),
    });
    await call('transfer.import', {
      workspaceId: to.id,
      file: airlock.services.handles.file(file.path),
    });
    return waiting.slice(waiting.length - leaveOut);
  };
  await carry(desk.authority, site, 0);
  await call('site.installBatch', { workspaceId: site.id });
  // Three confirmation codes stay at the site: their instances are never confirmed.
  const stayed = await carry(site, desk.authority, 3);
  const unconfirmed = stayed.map((i) => /S:(N\d+)/.exec(i.udi!)![1]!);
  expect(unconfirmed).toHaveLength(3);

  await airlock.open();
  await switchTo(page, 'Licensing desk');
  await go(page, 'Dashboard');
  await expect(page.getByTestId('count-not-confirmed')).toContainText('3');
  await expect(page.getByTestId('count-reserved')).toContainText('400');

  // The dashboard's count opens the list already filtered.
  await page.getByTestId('count-not-confirmed').click();
  await expect(page.getByRole('heading', { name: 'Product instances', level: 1 })).toBeVisible();
  const table = page.getByTestId('instances-table');
  await expect(page.locator('#instance-state')).toHaveValue('not-confirmed');
  await expect(table.getByRole('status')).toHaveText('3 rows');
  for (const sn of unconfirmed) await expect(instanceRow(page, sn)).toContainText('Not confirmed');

  await page.locator('#instance-state').selectOption('all');
  await expect(table.getByRole('status')).toHaveText('400 rows');
  await page.locator('#instance-state').selectOption({ label: 'Owes a confirmation code' });
  await expect(table.getByRole('status')).toHaveText('3 rows');

  // Confirming one by typing its code: it leaves the filtered list, the others stay.
  const [first, ...others] = stayed;
  const sn = unconfirmed[0]!;
  await instanceRow(page, sn)
    .getByRole('button', { name: /^Actions for/ })
    .click();
  await page.getByRole('menuitem', { name: 'Enter Confirmation Code' }).click();
  const dialog = page.getByRole('dialog', { name: 'Enter Confirmation Code' });
  await dialog.locator('#confirm-code').fill(first!.code);
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await expect(dialog).toBeHidden();
  await expect(table.getByRole('status')).toHaveText('2 rows');
  await expect(instanceRow(page, sn)).toHaveCount(0);
  expect(others).toHaveLength(2);

  // One instance's history: the event log narrowed to it (main filters by subject).
  const other = unconfirmed[1]!;
  await instanceRow(page, other)
    .getByRole('button', { name: /^Actions for/ })
    .click();
  await page.getByRole('menuitem', { name: 'Show events' }).click();
  await expect(page.getByRole('heading', { name: 'Event log', level: 1 })).toBeVisible();
  await expect(page.getByTestId('event-subject')).toHaveText(`UDI_PID:UCM; UDI_SN:${other};`);
  const events = page.getByTestId('events-table');
  await expect(events.locator('tbody tr', { hasText: 'Reserved' })).toContainText(`S:${other}`);
  await expect(events.locator('tbody tr', { hasText: 'Authorization code issued' })).toHaveCount(1);
  await expect(events.locator('tbody tr', { hasText: 'Confirmed' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Show every instance' }).click();
  await expect(events.locator('tbody tr', { hasText: 'Confirmed' }).first()).toBeVisible();

  await go(page, 'Dashboard');
  await expect(page.getByTestId('count-not-confirmed')).toContainText('2');
});
