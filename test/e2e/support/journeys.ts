// Whole stretches of an operator's work that several flow specs walk the same way: both sides set
// up from nothing, a request carried out, a reservation issued from the inbox, an authorization
// installed from it, codes applied at the authority, and the same in batches of a file per trip.
// Each spec keeps what it checks on the way.
import { type Page, expect } from '@playwright/test';
import type { Drive } from './drive.ts';
import {
  type DeviceSpec,
  addDevice,
  createAuthority,
  createSite,
  go,
  importFromDrive,
  inboxAction,
  loadCatalog,
  prepareAuthority,
  startFlow,
  switchTo,
  trustFileText,
} from './ui.ts';

export interface BothSides {
  authority: string;
  catalog: Parameters<typeof loadCatalog>[1];
  licenses: number;
  site: string;
  /** An emulated device added at the site (its page is left open). */
  device?: DeviceSpec;
}

/** An authority ready to issue from a sample catalog, and a site that trusts its trust file. */
export async function setUpBothSides(page: Page, sides: BothSides): Promise<void> {
  await createAuthority(page, sides.authority);
  await prepareAuthority(page);
  await loadCatalog(page, sides.catalog, sides.licenses);
  const trust = await trustFileText(page);
  await createSite(page, sides.site, trust);
  if (sides.device) await addDevice(page, sides.device);
}

/** Site, on the open device: enable, get the request code, save it to the drive, Done. */
export async function requestToDrive(page: Page, drive: Drive): Promise<string> {
  await startFlow(page, 'New reservation');
  await page.getByRole('button', { name: 'Enable reservation' }).click();
  await page.getByRole('button', { name: 'Get request code' }).click();
  const file = await drive.save('Reservation request code');
  await page.getByRole('button', { name: 'Done' }).click();
  return file;
}

/**
 * Authority: the request file imported and reserved from the inbox — the preview shows
 * `previewShows`, `choose` selects the licenses, the review comes up, the code is generated.
 */
export async function reserveFromInbox(
  page: Page,
  requestFile: string,
  previewShows: string,
  choose: () => Promise<void>,
): Promise<void> {
  await importFromDrive(page, requestFile);
  await inboxAction(page, requestFile, 'Reserve').click();
  await expect(page.getByTestId('request-preview')).toContainText(previewShows);
  await page.getByRole('button', { name: 'Next' }).click();
  await choose();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('heading', { name: /Review and confirm/ })).toBeVisible();
  await page.getByRole('button', { name: 'Generate Authorization Code' }).click();
}

/**
 * Site: the authorization file imported and installed from the inbox — the flow's `title`, what
 * the verify checks say (`checks`), then Next and Install.
 */
export async function installFromInbox(
  page: Page,
  file: string,
  { title, checks = [] }: { title?: string; checks?: string[] } = {},
): Promise<void> {
  await importFromDrive(page, file);
  await inboxAction(page, file, 'Install').click();
  if (title) await expect(page.getByRole('heading', { name: title, level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Verify' }).click();
  for (const check of checks) await expect(page.getByTestId('verify-checks')).toContainText(check);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Install', exact: true }).click();
}

/** Authority: a file of codes that apply on import (confirmation, return), then the instances. */
export async function applyFromDrive(page: Page, file: string): Promise<void> {
  await importFromDrive(page, file);
  await expect(page.getByTestId('import-result')).toContainText('Applied');
  await go(page, 'Product instances');
}

/** Transfer: every code waiting to go out, exported to the drive in one file (its name). */
export async function exportAllWaiting(page: Page, count: number, drive: Drive): Promise<string> {
  await go(page, 'Transfer (drives)');
  const outbox = page.getByRole('region', { name: 'Waiting to go out' });
  await outbox.getByRole('button', { name: `Export all waiting (${count})` }).click();
  await expect(page.getByTestId('export-result')).toContainText(
    `${count} code(s) written in one file`,
  );
  return drive.newFile();
}

/** Authority: a file of `count` request codes imported and reserved in one batch. */
export async function batchReserveFromDrive(
  page: Page,
  file: string,
  { count, license, quantity }: { count: number; license: string; quantity: number },
): Promise<void> {
  await importFromDrive(page, file);
  await page.getByRole('button', { name: 'Reserve all requests' }).click();
  await page.getByRole('button', { name: 'Use them' }).click();
  await expect(page.getByText(`${count} request code(s) found.`)).toBeVisible();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel(license).fill(String(quantity));
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: `Reserve for ${count} device(s)` }).click();
  await expect(page.getByText(`${count} reserved, 0 refused.`, { exact: false })).toBeVisible();
  await expectNamedResults(page, 'Product instance', /^UDI_PID:\S+; UDI_SN:\S+;/, count);
}

/**
 * A batch's results name each item before its UDI: the device (site) or the product instance
 * (desk) — every row has a name matching `name` in the column headed `header`.
 */
export async function expectNamedResults(
  page: Page,
  header: string,
  name: RegExp,
  count: number,
): Promise<void> {
  const table = page.getByTestId('batch-results');
  await expect(table.getByRole('columnheader').nth(1)).toHaveAccessibleName(header);
  await expect(table.getByRole('columnheader').nth(2)).toHaveAccessibleName('UDI');
  const names = table.locator('tbody tr:not(.spacer) td:nth-child(2)');
  await expect(names).toHaveCount(count);
  for (const text of await names.allTextContents()) expect(text.trim()).toMatch(name);
}

/** Site: a file of `count` authorization codes imported and installed in one batch. */
export async function batchInstallFromDrive(
  page: Page,
  file: string,
  count: number,
  /** The devices' names, each expected in its own result row. */
  devices?: string[],
): Promise<void> {
  await importFromDrive(page, file);
  await page.getByRole('button', { name: 'Install authorizations' }).click();
  await page.getByRole('button', { name: `Install ${count}` }).click();
  await expect(page.getByText(`${count} installed, 0 refused.`, { exact: false })).toBeVisible();
  if (devices) {
    const rows = page.getByTestId('batch-results').locator('tbody tr:not(.spacer)');
    for (const device of devices)
      await expect(
        rows.filter({ has: page.getByRole('cell', { name: device, exact: true }) }),
      ).toHaveCount(1);
  }
}

/**
 * The site's waiting request codes (`count` of them) go to the desk in one file, are reserved in
 * one batch there, and come back in one file to be installed in one batch; ends at the site.
 */
export async function batchRoundTrip(
  page: Page,
  drive: Drive,
  {
    site,
    count,
    license,
    quantity,
    devices,
  }: { site: string; count: number; license: string; quantity: number; devices?: string[] },
): Promise<void> {
  const requests = await exportAllWaiting(page, count, drive);
  await switchTo(page, 'Licensing desk');
  await batchReserveFromDrive(page, requests, { count, license, quantity });
  const authorizations = await exportAllWaiting(page, count, drive);
  await switchTo(page, site);
  await batchInstallFromDrive(page, authorizations, count, devices);
}
