// What an operator does on screen, step by step, shared by the flow specs. Codes move only through
// files in the test's drive folder: every "carry" is Save to drive on one side (drive.ts), Import
// on the other.
import { type Locator, type Page, expect } from '@playwright/test';

export const PASSPHRASE = 'correct horse battery staple';

export function screenNav(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Screens' });
}

export async function go(page: Page, screen: string): Promise<void> {
  await screenNav(page).getByRole('button', { name: screen, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
}

export async function switchTo(page: Page, workspace: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Workspaces' })
    .getByRole('button', { name: new RegExp(`^${workspace}`) })
    .click();
  await expect(page.getByTestId('current-workspace')).toContainText(workspace);
}

export async function createAuthority(page: Page, name: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Workspaces' })
    .getByRole('button', { name: 'Manage workspaces' })
    .click();
  await page.getByRole('button', { name: 'New authority' }).click();
  await page.locator('#ws-name').fill(name);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.locator('#ws-pass').fill(PASSPHRASE);
  await page.locator('#ws-pass2').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await expect(page.getByText(`Workspace “${name}” is ready.`)).toBeVisible();
  await page.getByRole('button', { name: 'Open workspace' }).click();
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
}

/** Unlocks the signing key if it is locked, and turns reservation on for the smart account. */
export async function prepareAuthority(page: Page): Promise<void> {
  const passphrase = page.locator('#unlock-pass');
  if (await passphrase.isVisible()) {
    await passphrase.fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await expect(passphrase).toBeHidden();
  }
  const accounts = page.getByRole('region', { name: 'Virtual accounts' });
  if ((await accounts.getByRole('button', { name: 'DEFAULT' }).count()) === 0) {
    await accounts.getByLabel('New virtual account name').fill('DEFAULT');
    await accounts.getByRole('button', { name: 'Add' }).click();
    await expect(accounts.getByRole('button', { name: 'DEFAULT' })).toBeVisible();
  }
  const toggle = page.getByRole('switch');
  if ((await toggle.getAttribute('aria-checked')) !== 'true') await toggle.click();
  await expect(toggle).toHaveAttribute('aria-checked', 'true');
}

export async function loadCatalog(
  page: Page,
  catalog: 'Cisco Unified CM (UCM)' | 'Cisco Expressway',
  count = 100,
): Promise<void> {
  await go(page, 'Licenses');
  await page.getByRole('button', { name: 'Load sample catalog' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(catalog).check();
  await dialog.locator('#cat-count').fill(String(count));
  await dialog.getByRole('button', { name: 'Load catalog' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('licenses-table').locator('tbody tr').first()).toBeVisible();
}

export async function trustFileText(page: Page): Promise<string> {
  await go(page, 'Reports & trust file');
  await page.getByRole('button', { name: 'Show trust file' }).click();
  const text = await page.getByTestId('code-value').textContent();
  expect(text?.length ?? 0).toBeGreaterThan(20);
  return text!;
}

export async function createSite(page: Page, name: string, trust: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Workspaces' })
    .getByRole('button', { name: 'Manage workspaces' })
    .click();
  await page.getByRole('button', { name: 'New site' }).click();
  await page.locator('#ws-name').fill(name);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.locator('#ws-trust').fill(trust);
  // The desk's fingerprint is shown in groups, to compare with the desk's screen and confirm.
  await expect(page.getByTestId('new-site-fingerprint')).toBeVisible();
  await page.getByLabel('The fingerprint is the same as on the desk’s screen').check();
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await expect(page.getByText(`Workspace “${name}” is ready.`)).toBeVisible();
  await page.getByRole('button', { name: 'Open workspace' }).click();
  await expect(page.getByRole('heading', { name: 'Devices', level: 1 })).toBeVisible();
}

export interface DeviceSpec {
  name: string;
  product: 'ucm' | 'expressway' | 'ios-xe';
  /** A real device whose ledger Airlock keeps (the default is an emulated one). */
  external?: boolean;
  pid: string;
  sn: string;
  uuid?: string;
  hostId?: string;
  vid?: string;
}

export async function addDevice(page: Page, device: DeviceSpec): Promise<void> {
  await go(page, 'Devices');
  await page.getByRole('button', { name: 'Add device' }).click();
  if (device.external) await page.getByRole('radio', { name: /^External/ }).check();
  await page.locator('#dev-product').selectOption(device.product);
  await page.locator('#dev-name').fill(device.name);
  await page.locator('#dev-pid').fill(device.pid);
  await page.locator('#dev-sn').fill(device.sn);
  // The form asks what the product's UDI holds: UUID (UCM), VID and Host ID (Expressway).
  if (device.vid) await page.locator('#dev-vid').fill(device.vid);
  if (device.hostId) await page.locator('#dev-id').fill(device.hostId);
  else if (device.uuid) await page.locator('#dev-id').fill(device.uuid);
  await page.getByRole('button', { name: 'Add device' }).click();
  await expect(page.getByRole('heading', { name: device.name, level: 1 })).toBeVisible();
}

/** Devices → Add from a list: the CSV checked, then every row added (all must be ready). */
export async function addDevicesFromList(page: Page, csv: string[]): Promise<void> {
  await go(page, 'Devices');
  await page.getByRole('button', { name: 'Add from a list' }).click();
  await page.getByRole('textbox', { name: 'Device list (CSV)' }).fill(csv.join('\n'));
  await page.getByRole('button', { name: 'Check the list' }).click();
  const count = csv.length - 1;
  await expect(page.getByTestId('device-list-counts')).toHaveText(
    `${count} ready to add, 0 refused.`,
  );
  await page.getByRole('button', { name: `Add ${count} devices` }).click();
  await expect(page.getByTestId('device-list-added')).toHaveText(`${count} devices added.`);
}

export async function openDevice(page: Page, name: string): Promise<void> {
  await go(page, 'Devices');
  await page.getByTestId('devices-table').getByRole('button', { name, exact: true }).click();
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
}

export async function startFlow(page: Page, flow: string): Promise<void> {
  const flows = page.getByRole('navigation', { name: 'Reservation flows' });
  const direct = flows.getByRole('button', { name: flow, exact: true });
  if (await direct.count()) await direct.click();
  else {
    await flows.getByRole('button', { name: 'Other flows' }).click();
    await page.getByRole('menuitem', { name: flow }).click();
  }
  await expect(page.getByRole('heading', { name: flow, level: 1 })).toBeVisible();
}

/** The code block with the given label (on the page, or within a dialog). */
export function codeBlock(scope: Page | Locator, label: string): Locator {
  const page = 'goto' in scope ? scope : scope.page();
  return scope
    .locator('.code-block')
    .filter({ has: page.getByText(label, { exact: true }) })
    .first();
}

/** Transfer → Import from a drive → the named file; waits until it is imported. */
export async function importFromDrive(page: Page, file: string): Promise<void> {
  await go(page, 'Transfer (drives)');
  const button = page.getByRole('button', { name: `Import ${file}` });
  await button.click();
  await expect(page.getByTestId('import-result')).toContainText(file);
}

/** The row of the "Came in" table for the file, and the action button in it. */
export function inboxAction(page: Page, file: string, action: string): Locator {
  return page
    .getByTestId('inbox-table')
    .locator('tr', { hasText: file })
    .getByRole('button', { name: action });
}

export function instanceRow(page: Page, sn: string): Locator {
  return page.getByTestId('instances-table').locator('tbody tr', { hasText: `UDI_SN:${sn};` });
}
