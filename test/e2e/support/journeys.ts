// Whole stretches of an operator's work that several flow specs walk the same way: both sides set
// up from nothing, a request carried out, a reservation issued from the inbox, an authorization
// installed from it, codes applied at the authority. Each spec keeps what it checks on the way.
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
