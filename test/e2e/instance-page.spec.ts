// What owes action can be found (issue 13, points 1, 2 and 12): the instances list says each
// state in words that fit at 1440 px in every language, a filter finds what is not confirmed and
// what is in transit, the dashboard counts what the list shows, Enter Confirmation Code is offered
// whenever a confirmation is owed (in transit after an update too) and says why when not, and one
// instance's page holds its whole history — reached from its row.
import type { Locator, Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReservationResultDto } from '../../shared/ipc/dto.ts';
import { expect, test } from './support/fixtures.ts';
import { LANGUAGES, isCut, speak } from './support/operator.ts';
import {
  deviceConsole,
  requestCodeOf,
  reserveSlr,
  reservedDevice,
  seedAuthority,
  seedDevice,
  seedSite,
  tagOf,
} from './support/router.ts';
import { go, instanceRow, switchTo } from './support/ui.ts';

const ucm = (name: string, sn: string, digit: string) => ({
  name,
  product: 'ucm' as const,
  pid: 'UCM',
  sn,
  uuid: `${digit}e1b2a4c9f0d4e3b8a7c6d5e4f3a2b1c`,
});
const expressway = (name: string, sn: string, host: string) => ({
  name,
  product: 'expressway' as const,
  pid: 'Expressway',
  sn,
  vid: '1.0',
  hostId: host,
});

/** Four instances: confirmed, never confirmed, in transit after an update, and a PLR. */
async function seedInstances(airlock: Parameters<Parameters<typeof test>[2]>[0]['airlock']) {
  const desk = await seedAuthority(airlock, { catalogs: ['ucm', 'expressway'] });
  const site = await seedSite(airlock, 'Plant S', desk.trust);
  const basic = tagOf(desk, 'UC Manager Basic License (12.x)');
  const rms = tagOf(desk, 'Expressway Rich Media Session');
  const confirmed = await seedDevice(airlock, site, ucm('cucm-ok', 'OK001', '1'));
  await reservedDevice(airlock, desk, site, confirmed.id, { [basic]: 1 });

  const owing = await seedDevice(airlock, site, ucm('cucm-owes', 'OWE01', '2'));
  const request = await requestCodeOf(airlock, site, owing.id);
  // It came in as a file holding the one code, as CSSM's "Download as File" gives it.
  await airlock.invoke('transfer.import', {
    workspaceId: desk.authority.id,
    fileName: 'cucm-owes-request.txt',
    text: request,
  });
  const owed = await reserveSlr(airlock, desk, request, { [basic]: 2 });
  const printed = await deviceConsole(airlock, site, owing.id)('install', owed.authorizationCode);

  const edge = await seedDevice(airlock, site, expressway('expwy-upd', 'UPD001', '4a1b2c3d'));
  const first = await reservedDevice(airlock, desk, site, edge.id, { [rms]: 2 });
  const update = await airlock.invoke<ReservationResultDto>('authority.update', {
    workspaceId: desk.authority.id,
    instanceId: first.instance.id,
    licenses: { [rms]: 5 },
  });
  const updated = await deviceConsole(airlock, site, edge.id)('install', update.authorizationCode);

  const plrDevice = await seedDevice(airlock, site, expressway('expwy-plr', 'PLR001', '5a1b2c3d'));
  await airlock.invoke('authority.reserve', {
    workspaceId: desk.authority.id,
    va: desk.va,
    requestCode: await requestCodeOf(airlock, site, plrDevice.id),
    selection: { type: 'PLR', exportControl: false },
  });
  return {
    desk,
    owed: { instance: owed.instance, code: printed.confirmationCode! },
    transit: { instance: first.instance, code: updated.confirmationCode! },
  };
}

const stateCell = (page: Page, sn: string): Locator =>
  instanceRow(page, sn).getByTestId('instance-state').locator('xpath=ancestor::td');

async function rowsShown(page: Page): Promise<number> {
  const text = await page.getByTestId('instances-table').getByRole('status').textContent();
  return Number(/^([\d,]+)/.exec(text ?? '')?.[1]?.replace(/,/g, '') ?? NaN);
}

test('the state in words that fit, a filter per state, counts that match, confirm in transit', async ({
  airlock,
}) => {
  const { page } = airlock;
  expect(page.viewportSize()?.width).toBe(1440);
  const { transit } = await seedInstances(airlock);
  await airlock.open();
  await switchTo(page, 'Licensing desk');
  await go(page, 'Product instances');
  const table = page.getByTestId('instances-table');
  await expect(table.getByRole('status')).toHaveText('4 rows');

  // Each state in words, whole — never "…" — in every language, and the date whole beside it.
  const WORDS = {
    en: ['Reserved', 'Not confirmed', 'In transit'],
    ja: ['予約済み', '未確認', '送信中'],
    zh: ['已预留', '未确认', '传输中'],
  } as const;
  for (const language of LANGUAGES) {
    await speak(page, language);
    const [reserved, notConfirmed, inTransit] = WORDS[language];
    await expect(stateCell(page, 'OK001')).toHaveText(reserved);
    await expect(stateCell(page, 'OWE01')).toHaveText(notConfirmed);
    await expect(stateCell(page, 'UPD001')).toHaveText(inTransit);
    for (const sn of ['OK001', 'OWE01', 'UPD001', 'PLR001']) {
      expect(await isCut(stateCell(page, sn)), `state of ${sn} in ${language}`).toBe(false);
      const lastContact = instanceRow(page, sn).locator('td').nth(2);
      expect(await isCut(lastContact), `last contact of ${sn} in ${language}`).toBe(false);
    }
  }
  await speak(page, 'en');

  // A filter for each state: Not confirmed and In transit find exactly their rows.
  await page.locator('#instance-state').selectOption({ label: 'Not confirmed' });
  await expect(table.getByRole('status')).toHaveText('1 row');
  await expect(instanceRow(page, 'OWE01')).toBeVisible();
  await page.locator('#instance-state').selectOption({ label: 'In transit' });
  await expect(table.getByRole('status')).toHaveText('1 row');
  await expect(instanceRow(page, 'UPD001')).toBeVisible();
  await page.locator('#instance-state').selectOption({ label: 'Owes a confirmation code' });
  await expect(table.getByRole('status')).toHaveText('2 rows');

  // The dashboard counts what the list shows: each tile's number is the rows its click lists.
  const counted: Record<string, number> = {};
  for (const tile of [
    'waiting',
    'not-confirmed',
    'in-transit',
    'reserved',
    'removed',
    'rehosted',
  ] as const) {
    await go(page, 'Dashboard');
    const count = page.getByTestId(`count-${tile}`);
    await expect(count).not.toContainText('…');
    const shown = Number((await count.locator('.n').textContent())?.replace(/,/g, ''));
    counted[tile] = shown;
    await count.click();
    await expect(page.locator('#instance-state')).toHaveValue(tile);
    await expect.poll(() => rowsShown(page), `tile ${tile}`).toBe(shown);
  }
  expect(counted).toEqual({
    waiting: 2,
    'not-confirmed': 1,
    'in-transit': 1,
    reserved: 3,
    removed: 0,
    rehosted: 0,
  });

  // In transit after an update: Enter Confirmation Code is offered; Update says why it waits.
  await page.locator('#instance-state').selectOption('all');
  await instanceRow(page, 'UPD001')
    .getByRole('button', { name: /^Actions for/ })
    .click();
  await expect(page.getByRole('menuitem', { name: 'Enter Confirmation Code' })).toBeEnabled();
  const update = page.getByRole('menuitem', { name: 'Update Reserved Licenses' });
  await expect(update).toBeDisabled();
  await expect(update).toHaveAccessibleDescription(
    'An update is in transit: enter its confirmation code first.',
  );
  await page.getByRole('menuitem', { name: 'Enter Confirmation Code' }).click();
  const dialog = page.getByRole('dialog', { name: 'Enter Confirmation Code' });
  await expect(dialog).toContainText('An update is in transit');
  // Typed as in CSSM: eight characters, then Enter.
  await dialog.locator('#confirm-code').pressSequentially(transit.code);
  await dialog.locator('#confirm-code').press('Enter');
  await expect(dialog).toBeHidden();
  await expect(stateCell(page, 'UPD001')).toHaveText('Reserved');

  // A PLR owes nothing: the menu says why there is nothing to confirm.
  await instanceRow(page, 'PLR001')
    .getByRole('button', { name: /^Actions for/ })
    .click();
  const confirm = page.getByRole('menuitem', { name: 'Enter Confirmation Code' });
  await expect(confirm).toBeDisabled();
  await expect(confirm).toHaveAccessibleDescription('A PLR needs no confirmation code.');
  await page.keyboard.press('Escape');
});

test('an instance page with its whole history, reached from its row; confirmed from a file', async ({
  airlock,
}) => {
  const { page } = airlock;
  const { owed } = await seedInstances(airlock);
  await airlock.open();
  await switchTo(page, 'Licensing desk');
  await go(page, 'Product instances');

  // From the row: its name opens its page.
  await instanceRow(page, 'OWE01')
    .getByRole('button', { name: `Open ${owed.instance.name}` })
    .click();
  await expect(page.getByRole('heading', { name: owed.instance.name, level: 1 })).toBeVisible();
  await expect(page.getByTestId('instance-state')).toHaveText('Not confirmed');
  const owedCard = page.getByRole('region', { name: 'A confirmation code is owed' });
  await expect(owedCard).toBeVisible();

  // Every code that crossed, with times: the request that came in, the authorization issued.
  const codes = page.getByTestId('instance-codes');
  await expect(codes.locator('tbody tr', { hasText: 'Request code' })).toContainText(
    'came in from the device',
  );
  await expect(codes.locator('tbody tr', { hasText: 'Authorization code' })).toContainText(
    'issued here, to carry to the device',
  );
  await expect(codes.locator('tbody tr').first()).toContainText(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
  // …and the log about it, in sentences.
  const history = page.getByTestId('instance-history-table');
  await expect(history).toContainText(
    'Licences were reserved (SLR): 2 × UC Manager Basic License (12.x).',
  );
  await expect(history).toContainText('An authorization code was issued.');

  // The confirmation from a file: the console block the operator saved, the code taken out of it.
  const file = join(airlock.driveDir, 'cucm-owes-console.txt');
  writeFileSync(
    file,
    [
      'admin:license smart reservation install "<specificPLR>…"',
      'Authorization code installed.',
      `Please enter the confirmation code to CSSM account: ${owed.code}`,
      'admin:',
    ].join('\n'),
  );
  await owedCard.getByRole('button', { name: 'Enter Confirmation Code' }).click();
  const dialog = page.getByRole('dialog', { name: 'Enter Confirmation Code' });
  await dialog.locator('input[type=file]').setInputFiles(file);
  await expect(dialog.locator('#confirm-code')).toHaveValue(owed.code);
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('instance-state')).toHaveText('Reserved');
  await expect(owedCard).toBeHidden();
  await expect(history).toContainText(`Confirmation code ${owed.code} was entered`);
  await expect(
    page.getByRole('button', { name: 'Enter Confirmation Code' }),
  ).toHaveAccessibleDescription('Its confirmation code has come back already: nothing is owed.');

  // The log's detail panel leads back to the page too.
  await go(page, 'Event log');
  await page
    .getByTestId('events-table')
    .getByRole('button', { name: /^Details of “Confirmed”/ })
    .first()
    .click();
  await page.getByRole('dialog').getByRole('button', { name: 'Open the instance' }).click();
  await expect(page.getByRole('heading', { name: owed.instance.name, level: 1 })).toBeVisible();
});
