// A real CUCM that Airlock cannot drive: the operator types on its console what Airlock shows and
// records what it prints. Its whole ledger — request, authorization (UDI-checked), confirmation,
// return, a cancel — and, on an Expressway, a PLR code recorded as installed. The "real" devices'
// consoles are emulated devices of the same UDIs in a bench workspace, driven through the router.
import type { ReservationResultDto } from '../../shared/ipc/dto.ts';
import { Drive } from './support/drive.ts';
import { expect, test } from './support/fixtures.ts';
import {
  deviceConsole,
  requestCodeOf,
  reserveSlr,
  seedAuthority,
  seedDevice,
  seedSite,
  tagOf,
} from './support/router.ts';
import { addDevice, startFlow, switchTo } from './support/ui.ts';

const CUCM = {
  name: 'cucm-ext',
  product: 'ucm' as const,
  pid: 'UCM',
  sn: 'EXT77',
  uuid: '7e1b2a4c9f0d4e3b8a7c6d5e4f3a2b1c',
};
const EXPRESSWAY = {
  name: 'expwy-ext',
  product: 'expressway' as const,
  pid: 'Expressway',
  sn: '0B070519',
  vid: '1.0',
  hostId: '4a1b2c3d',
};

test('an external CUCM through its whole ledger, and a PLR recorded as installed', async ({
  airlock,
}) => {
  const { page } = airlock;
  const drive = new Drive(airlock);
  const desk = await seedAuthority(airlock, { catalogs: ['ucm', 'expressway'] });
  const enhanced = tagOf(desk, 'UC Manager Enhanced License (12.x)');
  await seedSite(airlock, 'Plant E', desk.trust);
  // The bench: the real devices' own consoles, and another CUCM whose code must be refused.
  const bench = await seedSite(airlock, 'Lab bench', desk.trust);
  const realCucm = await seedDevice(airlock, bench, CUCM);
  const realExpressway = await seedDevice(airlock, bench, EXPRESSWAY);
  const other = await seedDevice(airlock, bench, { ...CUCM, name: 'other', sn: 'OTHER1' });
  const onCucm = deviceConsole(airlock, bench, realCucm.id);
  const foreign = await reserveSlr(airlock, desk, await requestCodeOf(airlock, bench, other.id), {
    [enhanced]: 1,
  });

  await airlock.open();
  await switchTo(page, 'Plant E');
  await addDevice(page, { ...CUCM, external: true });
  const commands = page.getByRole('region', { name: 'Type this on the device next' });
  await expect(commands.locator('code')).toHaveText([
    'license smart reservation enable',
    'license smart reservation request',
  ]);

  // Request: typed on the device, what it printed recorded, and carried out on the drive.
  await startFlow(page, 'New reservation');
  await expect(page.getByText('license smart reservation enable', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'I typed it on the device' }).click();
  const requestCode = await requestCodeOf(airlock, bench, realCucm.id);
  await page.locator('#ext-request').fill(requestCode);
  await page.getByRole('button', { name: 'Record', exact: true }).click();
  const requestFile = await drive.save('Reservation request code');
  expect(drive.read(requestFile)).toContain(requestCode);
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByTestId('registration-status')).toHaveText('Reservation In Progress');

  // The authority issues the code (its own wizard is covered by the SLR spec).
  const issued = await reserveSlr(airlock, desk, requestCode, { [enhanced]: 3 });

  // An authorization for another UDI is refused with a sentence that names both devices.
  const record = page.getByRole('region', { name: 'Record what the device printed' });
  await record.getByRole('radio', { name: 'Authorization code' }).check();
  await page.locator('#ext-code').fill(foreign.authorizationCode);
  await record.getByRole('button', { name: 'Record', exact: true }).click();
  await expect(record.getByRole('alert')).toContainText(
    'This authorization is for another device (UDI P:UCM,S:OTHER1',
  );
  await expect(record.getByRole('alert')).toContainText('this device is P:UCM,S:EXT77');
  await expect(page.locator('#ext-code')).toHaveValue(foreign.authorizationCode);

  // The right one is recorded; Airlock shows the exact line to paste, and copies it whole.
  await page.locator('#ext-code').fill(issued.authorizationCode);
  await record.getByRole('button', { name: 'Record', exact: true }).click();
  await expect(record.getByRole('alert')).toHaveCount(0);
  const install = `license smart reservation install "${issued.authorizationCode}"`;
  await expect(commands.locator('code')).toHaveText([install]);
  await expect(commands).toContainText('Confirmation code to be recorded');
  await commands.getByRole('button', { name: 'Copy command' }).click();
  expect(airlock.clipboard.text).toBe(install);

  // Confirmation: what the device printed after installing.
  const installed = await onCucm('install', issued.authorizationCode);
  await record.getByRole('radio', { name: 'Confirmation code' }).check();
  await page.locator('#ext-code').fill(installed.confirmationCode!);
  await record.getByRole('button', { name: 'Record', exact: true }).click();
  await expect(page.getByTestId('registration-status')).toHaveText(
    'Registered - Specific License Reservation',
  );
  await expect(page.getByTestId('last-confirmation')).toHaveText(installed.confirmationCode!);

  // Return: the command, the code the device printed, recorded and carried out.
  await startFlow(page, 'Return reservation');
  await expect(page.getByText('license smart reservation return', { exact: true })).toBeVisible();
  const returned = await onCucm('return');
  await page.locator('#ext-return').fill(returned.returnCode!);
  await page.getByRole('button', { name: 'Record', exact: true }).click();
  const returnFile = await drive.save('Reservation return code');
  expect(drive.read(returnFile)).toContain(returned.returnCode!);
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByTestId('last-return')).toHaveText(returned.returnCode!);
  // The code the ledger kept releases the licenses at the authority.
  await airlock.invoke('authority.remove', {
    workspaceId: desk.authority.id,
    instanceId: issued.instance.id,
    returnCode: returned.returnCode,
  });

  // A new request, cancelled on the device: the cancel is recorded, not just clicked past.
  await record.getByRole('radio', { name: 'Request code' }).check();
  await page.locator('#ext-code').fill((await onCucm('request')).requestCode!);
  await record.getByRole('button', { name: 'Record', exact: true }).click();
  await startFlow(page, 'Cancel request');
  await expect(page.getByText('license smart reservation cancel', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'I typed it on the device' }).click();
  await expect(page.getByRole('heading', { name: /Step 2/ })).toBeVisible();
  await page.getByRole('button', { name: 'Done' }).click();
  const ledger = page.getByRole('region', { name: 'Ledger' }).locator('tbody tr td:nth-child(2)');
  await expect(ledger).toHaveText([
    'Request cancelled',
    'Request code',
    'Return code',
    'Confirmation code',
    'Authorization code',
    'Request code',
  ]);

  // An Expressway given a PLR code: it prints nothing, so the operator says it is installed.
  await addDevice(page, { ...EXPRESSWAY, external: true });
  const expresswayRequest = await requestCodeOf(airlock, bench, realExpressway.id);
  await record.getByRole('radio', { name: 'Request code' }).check();
  await page.locator('#ext-code').fill(expresswayRequest);
  await record.getByRole('button', { name: 'Record', exact: true }).click();
  const plr = await airlock.invoke<ReservationResultDto>('authority.reserve', {
    workspaceId: desk.authority.id,
    va: desk.va,
    requestCode: expresswayRequest,
    selection: { type: 'PLR', exportControl: false },
  });
  await record.getByRole('radio', { name: 'Authorization code' }).check();
  await page.locator('#ext-code').fill(plr.authorizationCode);
  await record.getByRole('button', { name: 'Record', exact: true }).click();
  await expect(commands).toContainText('Authorization to be installed on the device');
  await record.getByRole('button', { name: 'The PLR code is installed' }).click();
  await expect(page.getByTestId('registration-status')).toHaveText(
    'Registered - Universal License Reservation',
  );
  await expect(
    page.getByRole('region', { name: 'Ledger' }).locator('tbody tr').first(),
  ).toContainText('Installed');
});
