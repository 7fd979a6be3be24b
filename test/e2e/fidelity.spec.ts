// What the seeds say happens around a reservation, on screen: a CUCM's banner and its refusal of
// new users after the evaluation (days passing on main's clock), an Expressway's sessions against
// the export-control limit, the 14SU3 upgrade as a guided flow, and the desk as CSSM — a real Cisco
// request refused before licences are chosen, licences moved between virtual accounts, a release
// of the UCM catalog.
import { expect, test } from './support/fixtures.ts';
import { reservedDevice, seedAuthority, seedDevice, seedSite, tagOf } from './support/router.ts';
import { codeBlock, go, openDevice, switchTo } from './support/ui.ts';

const DAY = 24 * 60 * 60 * 1000;
const ENHANCED = 'UC Manager Enhanced License (12.x)';
const EVALUATION_EXPIRED =
  'Smart Software Licensing: The system is currently unregistered and the evaluation period has expired. Register with Smart Software Manager or Smart Software Manager satellite to avoid losing the ability to provision users and devices.';

test('a CUCM in evaluation: the seed banner, then new users refused once the 90 days are spent', async ({
  airlock,
}) => {
  const { page } = airlock;
  const desk = await seedAuthority(airlock);
  const site = await seedSite(airlock, 'Plant E', desk.trust);
  await seedDevice(airlock, site, {
    name: 'cucm-eval',
    product: 'ucm',
    pid: 'UCM',
    sn: 'EVAL1',
    uuid: '7e1b2a4c9f0d4e3b8a7c6d5e4f3a2b1c',
  });
  await airlock.open();
  await switchTo(page, 'Plant E');
  await openDevice(page, 'cucm-eval');

  // Ten users on a device with nothing reserved: evaluation mode, in CUCM's own words — the
  // seed's very sentence, since the clock has moved on from the first day ("89 days remaining").
  await page.locator('#usage-tag').selectOption({ label: ENHANCED });
  await page.locator('#usage-count').fill('10');
  await page.getByRole('button', { name: 'Set', exact: true }).click();
  await expect(page.getByTestId('authorization-status')).toHaveText('Evaluation Mode');
  // The count starts at 90 and drops as soon as any time has passed; an hour on main's clock makes
  // the screen's figure the seed's, however fast the page answered.
  airlock.advanceClock(60 * 60 * 1000);
  await go(page, 'Devices');
  await openDevice(page, 'cucm-eval');
  await expect(page.getByTestId('licensing-banner')).toHaveText(
    'Smart Software Licensing: The system is currently unregistered and running in Evaluation mode with 89 days remaining. Register with Smart Software Manager or Smart Software Manager satellite to avoid losing the ability to provision users and devices.',
  );

  // Ninety days pass: the evaluation has expired; one more user is refused, and the screen says why.
  airlock.advanceClock(90 * DAY);
  await go(page, 'Devices');
  await openDevice(page, 'cucm-eval');
  const usage = page.getByLabel(`In use for ${ENHANCED}`);
  await usage.fill('11');
  await usage.press('Tab');
  const licenses = page.getByRole('region', { name: 'Licenses' });
  await expect(licenses.getByRole('alert')).toContainText(
    'The evaluation period has ended and Cisco Unified CM is not registered, so it refuses new users and devices (UC Manager Enhanced License (12.x): 10 in use, 11 asked).',
  );
  await expect(page.getByTestId('authorization-status')).toHaveText('Evaluation Expired');
  await expect(page.getByTestId('licensing-banner')).toHaveText(EVALUATION_EXPIRED);
  await expect(page.getByTestId('provisioning-block')).toContainText(
    'New users and devices are refused.',
  );
  await expect(page.getByTestId('syslog')).toContainText(
    '%SMART_LIC-3-EVAL_EXPIRED: Evaluation period expired.',
  );
  await expect(page.getByTestId('syslog')).toContainText(
    '%SMART_LIC-4-EVAL_WILL_EXPIRE_WARNING: Evaluation period will expire in 60 days.',
  );
  // The device's words stay its own in Japanese; Airlock's explanation is translated.
  await page.locator('#language').selectOption('ja');
  await expect(page.getByTestId('licensing-banner')).toHaveText(EVALUATION_EXPIRED);
  await expect(page.getByTestId('provisioning-block')).toContainText(
    '新規ユーザや新規端末を追加できません。',
  );
  await page.locator('#language').selectOption('en');
});

test('Expressway sessions: 90 % and 100 % alarms, what was refused and why, 2244 with WebRTC', async ({
  airlock,
}) => {
  const { page } = airlock;
  const desk = await seedAuthority(airlock, { catalogs: ['expressway'] });
  const site = await seedSite(airlock, 'Plant X', desk.trust);
  await seedDevice(airlock, site, {
    name: 'expwy-x',
    product: 'expressway',
    pid: 'Expressway',
    sn: '0B070519',
    vid: '1.0',
    hostId: '320ac19c',
  });
  await airlock.open();
  await switchTo(page, 'Plant X');
  await openDevice(page, 'expwy-x');

  const sessions = page.getByRole('region', { name: 'Encrypted sessions' });
  await sessions.getByLabel('Active calls and registrations').fill('2250');
  await sessions.getByRole('button', { name: 'Apply' }).click();
  await expect(sessions.getByTestId('sessions-now')).toContainText(
    '2250 active of the export-control limit of 2500',
  );
  const alarms = page.getByRole('region', { name: 'Alarms' });
  await expect(alarms).toContainText('Encrypted sessions at 2250 of 2500 (90 %).');

  await sessions.getByLabel('Active calls and registrations').fill('2600');
  await sessions.getByRole('button', { name: 'Apply' }).click();
  await expect(sessions.getByTestId('sessions-refused')).toHaveText(
    '100 refused, 250 admitted: the export-control limit on encrypted sessions.',
  );
  await expect(alarms).toContainText(
    'Encrypted session limit reached: 2500 of 2500. New sessions are refused until below 99 %.',
  );
  await expect(sessions.getByTestId('sessions-now')).toContainText('Limit reached.');

  await sessions.getByLabel('Active calls and registrations').fill('2000');
  await sessions.getByLabel('WebRTC enabled (limit 2244)').check();
  await sessions.getByRole('button', { name: 'Apply' }).click();
  await expect(sessions.getByTestId('sessions-now')).toContainText(
    '2000 active of the export-control limit of 2244',
  );
  // The console reads the same numbers (Expressway syntax only).
  const line = page.locator('#console-line');
  await line.fill('xstatus License');
  await line.press('Enter');
  await expect(page.getByTestId('console-output')).toContainText(
    'Active: 2000\n            Limit: 2244',
  );
  await line.fill('show license all');
  await line.press('Enter');
  await expect(page.getByTestId('console-output').locator('pre.error').last()).toHaveText(
    'Command not found',
  );
  await expect(page.getByTestId('console-explain').last()).toContainText(
    'This is Cisco Unified CM syntax; this device is Cisco Expressway',
  );
});

test('the 14SU3 upgrade for PLR as a guided flow: return, upgrade, request, then a PLR code installs', async ({
  airlock,
}) => {
  const { page } = airlock;
  const desk = await seedAuthority(airlock);
  const site = await seedSite(airlock, 'Plant U', desk.trust);
  const device = await seedDevice(airlock, site, {
    name: 'cucm-su2',
    product: 'ucm',
    pid: 'UCM',
    sn: 'SU2A1',
    uuid: '8e1b2a4c9f0d4e3b8a7c6d5e4f3a2b1c',
    softwareVersion: '14SU2',
  });
  const reserved = await reservedDevice(airlock, desk, site, device.id, {
    [tagOf(desk, ENHANCED)]: 4,
  });
  await airlock.open();
  await switchTo(page, 'Plant U');
  await openDevice(page, 'cucm-su2');
  await expect(page.getByTestId('software-version')).toHaveText('14SU2');

  await page.getByRole('button', { name: 'Upgrade to 14SU3 for PLR' }).click();
  await expect(
    page.getByRole('heading', { name: 'Upgrade to 14SU3 for PLR', level: 1 }),
  ).toBeVisible();
  await expect(page.getByText('Before upgrading to 14SU3, return the licenses')).toBeVisible();
  await page.getByRole('button', { name: 'Return reservation' }).click();
  const returnCode = (await codeBlock(page, 'Reservation return code')
    .getByTestId('code-value')
    .textContent())!.trim();
  await airlock.invoke('authority.remove', {
    workspaceId: desk.authority.id,
    instanceId: reserved.instance.id,
    returnCode,
  });
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.locator('#upgrade-version')).toHaveValue('14SU3');
  await page.getByRole('button', { name: 'Record the upgrade' }).click();
  await expect(page.getByText('The device runs 14SU3')).toBeVisible();
  await page.getByRole('button', { name: 'Get request code' }).click();
  const requestCode = (await codeBlock(page, 'Reservation request code')
    .getByTestId('code-value')
    .textContent())!.trim();
  await expect(page.getByText('generate the authorization code with a PLR license')).toBeVisible();

  // At the desk: CUCM PLR from the UCM catalog; the device installs it after the upgrade.
  const plr = await airlock.invoke<{ authorizationCode: string }>('authority.reserve', {
    workspaceId: desk.authority.id,
    va: desk.va,
    requestCode,
    selection: { type: 'PLR', exportControl: false },
  });
  await page.getByRole('button', { name: 'Install authorization' }).click();
  await page.locator('#auth-code').fill(plr.authorizationCode);
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Install', exact: true }).click();
  await expect(page.getByText('PLR installed: no confirmation code is needed.')).toBeVisible();
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByTestId('registration-status')).toHaveText(
    'Registered - Universal License Reservation',
  );
});

test('12.x → 14 as a guided flow: the 12.x licences returned, version-independent ones installed cover the users', async ({
  airlock,
}) => {
  const { page } = airlock;
  const desk = await seedAuthority(airlock);
  const site = await seedSite(airlock, 'Plant V', desk.trust);
  const device = await seedDevice(airlock, site, {
    name: 'cucm-125',
    product: 'ucm',
    pid: 'UCM',
    sn: 'V125A',
    uuid: '9e1b2a4c9f0d4e3b8a7c6d5e4f3a2b1c',
    softwareVersion: '12.5',
  });
  const enhanced = tagOf(desk, ENHANCED);
  const reserved = await reservedDevice(airlock, desk, site, device.id, { [enhanced]: 3 });
  await airlock.invoke('site.setUsage', {
    workspaceId: site.id,
    deviceId: device.id,
    tag: enhanced,
    count: 3,
  });
  await airlock.open();
  await switchTo(page, 'Plant V');
  await openDevice(page, 'cucm-125');

  await page.getByRole('button', { name: 'Upgrade to 14 (version-independent licenses)' }).click();
  await page.getByRole('button', { name: 'Return reservation' }).click();
  const returnCode = (await codeBlock(page, 'Reservation return code')
    .getByTestId('code-value')
    .textContent())!.trim();
  await airlock.invoke('authority.remove', {
    workspaceId: desk.authority.id,
    instanceId: reserved.instance.id,
    returnCode,
  });
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.locator('#upgrade-version')).toHaveValue('14');
  await page.getByRole('button', { name: 'Record the upgrade' }).click();
  await page.getByRole('button', { name: 'Get request code' }).click();
  const requestCode = (await codeBlock(page, 'Reservation request code')
    .getByTestId('code-value')
    .textContent())!.trim();
  await expect(
    page.getByText('At the authority: reserve version-independent licenses'),
  ).toBeVisible();
  const rows = await airlock.invoke<Array<{ tag: string; displayName: string }>>(
    'authority.licenses',
    { workspaceId: desk.authority.id, va: desk.va },
  );
  const v14 = rows.find((r) => r.displayName === 'UC Manager Enhanced License (14)')!.tag;
  const issued = await airlock.invoke<{ authorizationCode: string }>('authority.reserve', {
    workspaceId: desk.authority.id,
    va: desk.va,
    requestCode,
    selection: { type: 'SLR', licenses: { [v14]: 3 } },
  });
  await page.getByRole('button', { name: 'Install authorization' }).click();
  await page.locator('#auth-code').fill(issued.authorizationCode);
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Install', exact: true }).click();
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByTestId('authorization-status')).toHaveText('Authorized - Reserved');
  await expect(page.getByTestId('software-version')).toHaveText('14');
  const licences = page.getByRole('region', { name: 'Licenses' });
  await expect(
    licences.locator('tr', { hasText: 'UC Manager Enhanced License (14)' }),
  ).toContainText('InCompliance');
  await expect(licences.locator('tr', { hasText: ENHANCED })).toContainText('InCompliance');
  // On 14 the upgrade to 14 is done; the one to 14SU3 (for PLR) is still offered.
  await expect(
    page.getByRole('button', { name: 'Upgrade to 14 (version-independent licenses)' }),
  ).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Upgrade to 14SU3 for PLR' })).toHaveCount(1);
});

test('the desk as CSSM: a real Cisco request refused before step 2; licences moved; a UCM release loaded', async ({
  airlock,
}) => {
  const { page } = airlock;
  await seedAuthority(airlock, { vas: ['DEFAULT', 'Lab'], catalogs: ['expressway'], count: 10 });
  await airlock.open();
  await switchTo(page, 'Licensing desk');

  await go(page, 'Smart License Reservation');
  await page.locator('#request-code').fill('CB-PExpressway,S08F8FF3C,V1.0,H320aa69d-A7C3VJCJF-AE');
  const cisco = page.getByTestId('cisco-request');
  await expect(cisco).toContainText('This request comes from a real Cisco product.');
  await expect(cisco).toContainText("Only Cisco's CSSM can authorize it");
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('heading', { name: 'Enter Request Code' })).toBeVisible();
  await expect(page.getByText('Licenses to Reserve')).toHaveCount(0);

  await go(page, 'Licenses');
  const rms = page
    .getByTestId('licenses-table')
    .locator('tr', { hasText: 'Expressway Rich Media Session' });
  await expect(rms).toContainText('10');
  await page.getByRole('button', { name: 'Move licenses' }).click();
  const dialog = page.getByRole('dialog', { name: 'Move licenses from DEFAULT' });
  await dialog.locator('#move-to').selectOption('Lab');
  await dialog.getByLabel('Quantity of Expressway Rich Media Session to move').fill('11');
  await dialog.getByRole('button', { name: 'Move licenses' }).click();
  await expect(dialog.getByRole('alert')).toContainText('11 requested, 10 available');
  await dialog.getByLabel('Quantity of Expressway Rich Media Session to move').fill('4');
  await dialog.getByRole('button', { name: 'Move licenses' }).click();
  await expect(dialog).toBeHidden();
  await expect(rms.locator('td').nth(2)).toHaveText('6');
  await page.locator('#va-select').selectOption('Lab');
  await expect(
    page.getByTestId('licenses-table').locator('tr', { hasText: 'Expressway Rich Media Session' }),
  ).toContainText('4');

  await page.getByRole('button', { name: 'Load sample catalog' }).click();
  const catalog = page.getByRole('dialog');
  await catalog.getByLabel('Cisco Unified CM (UCM)').check();
  await catalog.getByLabel('14 only (version independent)').check();
  await catalog.locator('#cat-count').fill('3');
  await catalog.getByRole('button', { name: 'Load catalog' }).click();
  await expect(catalog).toBeHidden();
  const table = page.getByTestId('licenses-table');
  await expect(table).toContainText('UC Manager Professional License (14)');
  await expect(table).toContainText('UC Manager PLR with Export Control');
  await expect(table).not.toContainText('UC Manager Enhanced License (12.x)');
});
