// A batch of thousands as the operator follows it (issue 10): one call to main, a real progress
// bar fed by main's reports between its chunks of 1,000 (done of total, rate, time left, in each
// language), and Cancel — which stops between chunks, keeps what was committed and says exactly
// what was done and what was not. The results table holds only the rows in view. Main is held
// after its first chunk until the page cancels (support/batch-gate.ts): no timing luck.
import type { TransferItemDto, WorkspaceDto } from '../../shared/ipc/dto.ts';
import { holdAfterFirstChunk } from './support/batch-gate.ts';
import { type Airlock, expect, test } from './support/fixtures.ts';
import { lookAt, speak } from './support/operator.ts';
import { carry, seedAuthority, seedDeviceList, seedSite, tagOf } from './support/router.ts';
import { go, switchTo } from './support/ui.ts';

const COUNT = 2500;
const pad = (n: number) => String(n).padStart(4, '0');

/** A desk, and a site of COUNT emulated devices (`<letter>-0001`…), each with its request code. */
async function requestingSite(airlock: Airlock, name: string, letter: string) {
  const desk = await seedAuthority(airlock, { count: 3000 });
  const site = await seedSite(airlock, name, desk.trust);
  const serial = (i: number) => pad(i + 1);
  const rows = Array.from(
    { length: COUNT },
    (_, i) => `${letter}-${serial(i)},ucm,UCM,${letter.toUpperCase()}${serial(i)},,,,`,
  );
  expect(await seedDeviceList(airlock, site, rows)).toBe(COUNT);
  await airlock.invoke('site.requestBatch', { workspaceId: site.id });
  const out = await airlock.invoke<TransferItemDto[]>('transfer.items', {
    workspaceId: site.id,
    direction: 'out',
  });
  expect(out).toHaveLength(COUNT);
  return { desk, site };
}

test('2,500 request codes in one call: the bar moves, Cancel stops between chunks and says what was done', async ({
  airlock,
}) => {
  const { page } = airlock;
  const site = await airlock.invoke<WorkspaceDto>('workspace.create', {
    kind: 'site',
    name: 'Plant P',
  });
  const rows = Array.from(
    { length: COUNT },
    (_, i) => `node-${pad(i + 1)},ucm,UCM,P${pad(i + 1)},,,,`,
  );
  expect(await seedDeviceList(airlock, site, rows)).toBe(COUNT);
  const gate = holdAfterFirstChunk(airlock);

  await airlock.open();
  await switchTo(page, 'Plant P');
  await go(page, 'Batch');
  const request = page.getByRole('region', { name: 'Get request codes' });
  await expect(request.getByTestId('batch-request-count')).toHaveText(
    '2,500 emulated devices have no reservation and no request code waiting.',
  );
  await request.getByRole('button', { name: 'Get 2,500 request codes' }).click();

  // Main has committed its first chunk and said so: the bar stands at 1,000 of 2,500.
  const results = page.getByRole('region', { name: 'Request codes: results' });
  const bar = page.getByTestId('batch-progress').getByRole('progressbar');
  await expect(bar).toHaveAttribute('aria-valuemax', '2500');
  await expect(bar).toHaveAttribute('aria-valuenow', '1000');
  await expect(bar).toHaveAccessibleName(
    /^1,000 of 2,500 done — [\d,]+ a second, about \d+ (s|min|h) left$/,
  );
  await expect(results.getByText(/^1,000 of 2,500 done — .* — 40%$/)).toBeVisible();
  // The same in Japanese and Chinese.
  await speak(page, 'ja');
  await expect(bar).toHaveAccessibleName(
    /^2,500 件中 1,000 件完了 — 毎秒 [\d,]+ 件、残り約 \d+ (秒|分|時間)$/,
  );
  await speak(page, 'zh');
  await expect(bar).toHaveAccessibleName(
    /^已完成 1,000 \/ 2,500 — 每秒 [\d,]+ 个，约剩 \d+ (秒|分钟|小时)$/,
  );
  await speak(page, 'en');
  expect(gate.runs, 'the whole batch is one call to main').toBe(1);
  await lookAt(page, 'site-batch-progress');

  // Cancel: main finishes the chunk it is on and stops there.
  await results.getByRole('button', { name: 'Cancel' }).click();
  const stopped = results.getByTestId('batch-cancelled');
  await expect(stopped).toBeVisible();
  const said = (await stopped.textContent()) ?? '';
  const match =
    /^Stopped: ([\d,]+) of 2,500 devices processed; the other ([\d,]+) were not processed — they have no request code yet\.$/.exec(
      said.trim(),
    );
  expect(match, said).not.toBeNull();
  const done = Number(match![1]!.replace(/,/g, ''));
  expect(done % 1000, 'a whole number of chunks').toBe(0);
  expect(done).toBeGreaterThanOrEqual(1000);
  expect(done).toBeLessThan(COUNT);
  expect(Number(match![2]!.replace(/,/g, ''))).toBe(COUNT - done);
  await expect(bar).toHaveCount(0);
  await lookAt(page, 'site-batch-cancelled');

  // What was committed stays done: its codes wait to go out; the rest still need one.
  const n = done.toLocaleString('en');
  await expect(results.getByTestId('batch-devices-summary')).toHaveText(
    `${n} request code(s) printed, 0 refused. ${n} code(s) wait to go out.`,
  );
  await expect(request.getByTestId('batch-request-count')).toHaveText(
    `${(COUNT - done).toLocaleString('en')} emulated devices have no reservation and no request code waiting.`,
  );
  const devices = await airlock.invoke<{ total: number }>('site.devicePage', {
    workspaceId: site.id,
    offset: 0,
    limit: 1,
    stage: 'pending',
  });
  expect(devices.total).toBe(done);

  // Every result is listed, but only the rows in view are in the page.
  const table = results.getByTestId('batch-results');
  await expect(table.getByRole('status')).toHaveText(`${n} of ${n}`);
  await expect(table.locator('tbody tr:not(.spacer)').first()).toContainText('S:P0001');
  // Each result names its device before its UDI (a batch over every device sent no names).
  await expect(table.getByRole('columnheader').nth(1)).toHaveAccessibleName('Device');
  await expect(table.locator('tbody tr:not(.spacer)').first().locator('td').nth(1)).toHaveText(
    'node-0001',
  );
  expect(await table.locator('tbody tr:not(.spacer)').count()).toBeLessThan(40);
  // Scrolled to the end: the last committed device, rendered when it came into view.
  await table.getByRole('region').evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(
    table.locator('tbody tr:not(.spacer)').filter({ hasText: `S:P${pad(done)}` }),
  ).toHaveCount(1);
  expect(await table.locator('tbody tr:not(.spacer)').count()).toBeLessThan(40);

  // The rest, in a second batch that runs to the end: no cancel message, all done.
  gate.release();
  await request
    .getByRole('button', { name: `Get ${(COUNT - done).toLocaleString('en')} request codes` })
    .click();
  await expect(results.getByTestId('batch-devices-summary')).toHaveText(
    `${(COUNT - done).toLocaleString('en')} request code(s) printed, 0 refused. 2,500 code(s) wait to go out.`,
  );
  await expect(results.getByTestId('batch-cancelled')).toHaveCount(0);
  await expect(request.getByTestId('batch-request-none')).toBeVisible();
});

test('2,500 reservations in one call at the desk: Cancel keeps what was issued, the rest still wait', async ({
  airlock,
}) => {
  const { page } = airlock;
  const { desk, site } = await requestingSite(airlock, 'Plant Q', 'q');
  // The site's 2,500 request codes cross in one file and are taken in at the desk.
  await carry(airlock, site, desk.authority);
  const gate = holdAfterFirstChunk(airlock);

  await airlock.open();
  await switchTo(page, 'Licensing desk');
  await go(page, 'Transfer (drives)');
  await page.getByRole('button', { name: 'Reserve all requests' }).click();
  await page.getByRole('button', { name: 'Use them' }).click();
  await expect(page.getByText('2500 request code(s) found.')).toBeVisible();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('UC Manager Basic License (12.x)').fill('1');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Reserve for 2500 device(s)' }).click();

  const bar = page.getByTestId('batch-progress').getByRole('progressbar');
  await expect(bar).toHaveAttribute('aria-valuenow', '1000');
  await expect(bar).toHaveAccessibleName(
    /^1,000 of 2,500 done — [\d,]+ a second, about \d+ (s|min|h) left$/,
  );
  expect(gate.runs, 'the whole batch is one call to main').toBe(1);
  await page.getByTestId('batch-progress').getByRole('button', { name: 'Cancel' }).click();

  const stopped = page.getByTestId('batch-cancelled');
  await expect(stopped).toBeVisible();
  const match =
    /^Stopped: ([\d,]+) of 2,500 requests processed; the other ([\d,]+) were not processed — no authorization code was issued for them, and their requests are still waiting\.$/.exec(
      ((await stopped.textContent()) ?? '').trim(),
    );
  expect(match, 'the cancel message').not.toBeNull();
  const done = Number(match![1]!.replace(/,/g, ''));
  expect(done % 1000).toBe(0);
  expect(done).toBeLessThan(COUNT);
  expect(Number(match![2]!.replace(/,/g, ''))).toBe(COUNT - done);
  const n = done.toLocaleString('en');
  await expect(page.getByTestId('batch-summary')).toHaveText(
    `${n} reserved, 0 refused. ${n} code(s) wait to go out.`,
  );
  await expect(page.getByTestId('batch-results').getByRole('status')).toHaveText(`${n} of ${n}`);
  // Each result names its product instance before its UDI.
  const reserved = page.getByTestId('batch-results');
  await expect(reserved.getByRole('columnheader').nth(1)).toHaveAccessibleName('Product instance');
  await expect(reserved.locator('tbody tr:not(.spacer)').first().locator('td').nth(1)).toHaveText(
    /^UDI_PID:UCM; UDI_SN:Q\d{4};/,
  );
  expect(
    await page.getByTestId('batch-results').locator('tbody tr:not(.spacer)').count(),
  ).toBeLessThan(40);

  // As said: the committed part issued its codes, the rest still wait at the desk.
  const waiting = await airlock.invoke<{ total: number }>('transfer.itemPage', {
    workspaceId: desk.authority.id,
    offset: 0,
    limit: 1,
    direction: 'in',
    status: 'imported',
  });
  expect(waiting.total).toBe(COUNT - done);
  const issued = await airlock.invoke<{ total: number }>('transfer.itemPage', {
    workspaceId: desk.authority.id,
    offset: 0,
    limit: 1,
    direction: 'out',
    kind: 'authorization',
  });
  expect(issued.total).toBe(done);
  gate.release();
});

test('2,500 installs in one call at the site: Cancel keeps what was installed, the rest still wait', async ({
  airlock,
}) => {
  const { page } = airlock;
  const { desk, site } = await requestingSite(airlock, 'Plant S', 's');
  // Requested, reserved at the desk, and the 2,500 authorization codes taken in at the site.
  const requests = await airlock.invoke<TransferItemDto[]>('transfer.items', {
    workspaceId: site.id,
    direction: 'out',
  });
  await airlock.invoke('authority.reserveBatch', {
    workspaceId: desk.authority.id,
    va: desk.va,
    requestCodes: requests.map((i) => i.code),
    selection: { type: 'SLR', licenses: { [tagOf(desk, 'UC Manager Basic License (12.x)')]: 1 } },
  });
  await carry(airlock, desk.authority, site, (authorizations) => {
    expect(authorizations).toHaveLength(COUNT);
    return authorizations;
  });
  const gate = holdAfterFirstChunk(airlock);

  await airlock.open();
  await switchTo(page, 'Plant S');
  await go(page, 'Batch');
  await page.getByRole('button', { name: 'Install authorizations' }).click();
  await page.getByRole('button', { name: 'Install 2500' }).click();
  const bar = page.getByTestId('batch-progress').getByRole('progressbar');
  await expect(bar).toHaveAttribute('aria-valuenow', '1000');
  await expect(bar).toHaveAttribute('aria-valuemax', '2500');
  expect(gate.runs, 'the whole batch is one call to main').toBe(1);
  await page.getByTestId('batch-progress').getByRole('button', { name: 'Cancel' }).click();

  const stopped = page.getByTestId('batch-cancelled');
  await expect(stopped).toBeVisible();
  const match =
    /^Stopped: ([\d,]+) of 2,500 authorization codes processed; the other ([\d,]+) were not processed — they are still waiting to be installed\.$/.exec(
      ((await stopped.textContent()) ?? '').trim(),
    );
  expect(match, 'the cancel message').not.toBeNull();
  const done = Number(match![1]!.replace(/,/g, ''));
  expect(done % 1000).toBe(0);
  expect(done).toBeLessThan(COUNT);
  expect(Number(match![2]!.replace(/,/g, ''))).toBe(COUNT - done);
  const n = done.toLocaleString('en');
  await expect(page.getByTestId('batch-summary')).toHaveText(
    new RegExp(`^${n} installed, 0 refused\\.`),
  );
  const results = page.getByTestId('batch-results');
  await expect(results.getByRole('status')).toHaveText(`${n} of ${n}`);
  expect(await results.locator('tbody tr:not(.spacer)').count()).toBeLessThan(40);
  await expect(results.getByRole('columnheader').nth(1)).toHaveAccessibleName('Device');
  await expect(results.locator('tbody tr:not(.spacer)').first().locator('td').nth(1)).toHaveText(
    /^s-\d{4}$/,
  );
  // As said: the rest still wait to be installed, and the button offers exactly them.
  const rest = (COUNT - done).toString();
  await expect(page.getByRole('button', { name: `Install ${rest}` })).toBeVisible();
  const installed = await airlock.invoke<{ total: number }>('site.devicePage', {
    workspaceId: site.id,
    offset: 0,
    limit: 1,
    stage: 'reserved',
  });
  expect(installed.total).toBe(done);
  gate.release();
});
