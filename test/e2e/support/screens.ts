// The main screens, each reached by clicking as an operator would, for a11y scans and screenshots.
import { type Page, expect } from '@playwright/test';
import type { Seeded } from './seed.ts';
import { go, startFlow, switchTo } from './ui.ts';

export interface Screen {
  name: string;
  open(page: Page, seeded: Seeded): Promise<void>;
  /** Puts away what `open` left in front of the shell (a dialog), so the next screen can open. */
  close?(page: Page): Promise<void>;
}

export const SCREENS: Screen[] = [
  {
    name: 'workspaces',
    open: async (page) => {
      await page
        .getByRole('navigation', { name: 'Workspaces' })
        .getByRole('button', { name: 'Manage workspaces' })
        .click();
      await expect(page.getByRole('heading', { name: 'Workspaces', level: 1 })).toBeVisible();
    },
  },
  {
    name: 'authority-dashboard',
    open: async (page) => {
      await switchTo(page, 'Licensing desk');
      await go(page, 'Dashboard');
    },
  },
  {
    name: 'authority-reserve',
    open: async (page, seeded) => {
      await switchTo(page, 'Licensing desk');
      await go(page, 'Smart License Reservation');
      await page.locator('#request-code').fill(seeded.pendingRequestCode);
      await expect(page.getByTestId('request-preview')).toBeVisible();
    },
  },
  {
    name: 'authority-select-licenses',
    open: async (page, seeded) => {
      await switchTo(page, 'Licensing desk');
      await go(page, 'Smart License Reservation');
      await page.locator('#request-code').fill(seeded.pendingRequestCode);
      await expect(page.getByTestId('request-preview')).toBeVisible();
      await page.getByRole('button', { name: 'Next' }).click();
      await expect(page.getByRole('heading', { name: /Select Licenses/ })).toBeVisible();
    },
  },
  {
    name: 'authority-licenses',
    open: async (page) => (await switchTo(page, 'Licensing desk'), await go(page, 'Licenses')),
  },
  {
    name: 'authority-move-licenses',
    open: async (page) => {
      await switchTo(page, 'Licensing desk');
      await go(page, 'Licenses');
      await page.getByRole('button', { name: 'Move licenses' }).click();
      await expect(page.getByRole('dialog', { name: /^Move licenses from/ })).toBeVisible();
    },
    close: async (page) => {
      await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
      await expect(page.getByRole('dialog')).toBeHidden();
    },
  },
  {
    name: 'authority-instances',
    open: async (page) => (
      await switchTo(page, 'Licensing desk'),
      await go(page, 'Product instances')
    ),
  },
  {
    name: 'authority-instance',
    open: async (page) => {
      await switchTo(page, 'Licensing desk');
      await go(page, 'Product instances');
      await page.getByRole('button', { name: 'Open UDI_PID:UCM; UDI_SN:EDB19;' }).click();
      await expect(
        page.getByTestId('instance-history-table').locator('tbody tr').first(),
      ).toBeVisible();
      await expect(page.getByTestId('instance-codes').getByRole('status')).toBeVisible();
    },
  },
  {
    name: 'authority-instance-confirm',
    open: async (page) => {
      await switchTo(page, 'Licensing desk');
      await go(page, 'Product instances');
      await page.getByRole('button', { name: 'Open UDI_PID:UCM; UDI_SN:EDB19;' }).click();
      await page
        .getByRole('region', { name: 'A confirmation code is owed' })
        .getByRole('button', { name: 'Enter Confirmation Code' })
        .click();
      const dialog = page.getByRole('dialog', { name: 'Enter Confirmation Code' });
      // A mistyped character, marked where it was typed.
      await dialog.locator('#confirm-code').pressSequentially('08715g93');
      await expect(dialog.getByTestId('confirm-code-suspect')).toBeVisible();
    },
    close: async (page) => {
      await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
      await expect(page.getByRole('dialog')).toBeHidden();
    },
  },
  {
    name: 'authority-events',
    open: async (page) => (await switchTo(page, 'Licensing desk'), await go(page, 'Event log')),
  },
  {
    name: 'authority-event-detail',
    open: async (page) => {
      await switchTo(page, 'Licensing desk');
      await go(page, 'Event log');
      await page
        .getByTestId('events-table')
        .getByRole('button', { name: /^Details of “Reserved”/ })
        .first()
        .click();
      await expect(page.getByTestId('event-detail-licenses')).toBeVisible();
    },
    close: async (page) => {
      await page.getByRole('dialog').getByRole('button', { name: 'Close' }).last().click();
      await expect(page.getByRole('dialog')).toBeHidden();
    },
  },
  {
    name: 'authority-reports',
    open: async (page) => {
      await switchTo(page, 'Licensing desk');
      await go(page, 'Reports & trust file');
      await page.getByRole('button', { name: 'Show trust file' }).click();
      await expect(page.getByTestId('trust-fingerprint')).toBeVisible();
    },
  },
  {
    name: 'authority-transfer',
    open: async (page) => (
      await switchTo(page, 'Licensing desk'),
      await go(page, 'Transfer (drives)')
    ),
  },
  {
    name: 'inspect',
    open: async (page, seeded) => {
      await switchTo(page, 'Plant B');
      await go(page, 'Inspect a code');
      await page.locator('#inspect-code').fill(seeded.authorizationCode);
      await page.getByRole('button', { name: 'Inspect', exact: true }).click();
      await expect(page.getByTestId('inspect-signature')).toBeVisible();
    },
  },
  {
    name: 'site-devices',
    open: async (page) => (await switchTo(page, 'Plant B'), await go(page, 'Devices')),
  },
  {
    name: 'site-device',
    open: async (page) => {
      await switchTo(page, 'Plant B');
      await go(page, 'Devices');
      await page
        .getByTestId('devices-table')
        .getByRole('button', { name: 'cucm-pub-1', exact: true })
        .click();
      await page.locator('#console-line').fill('show license all');
      await page.locator('#console-line').press('Enter');
      await expect(page.getByTestId('console-output')).toContainText('show license all');
      // A refusal, so the translated explanation below the device's words is scanned too.
      await page.locator('#console-line').fill('license smart reservation cancel');
      await page.locator('#console-line').press('Enter');
      await expect(page.getByTestId('console-explain')).toBeVisible();
    },
  },
  {
    name: 'site-device-expressway',
    open: async (page) => {
      await switchTo(page, 'Plant B');
      await go(page, 'Devices');
      await page
        .getByTestId('devices-table')
        .getByRole('button', { name: 'expwy-edge', exact: true })
        .click();
      await expect(page.getByRole('region', { name: 'Encrypted sessions' })).toBeVisible();
      await expect(page.getByTestId('licensing-banner')).toBeVisible();
    },
  },
  {
    name: 'site-upgrade-flow',
    open: async (page) => {
      await switchTo(page, 'Plant B');
      await go(page, 'Devices');
      await page
        .getByTestId('devices-table')
        .getByRole('button', { name: 'cucm-old', exact: true })
        .click();
      await page
        .getByRole('button', { name: 'Upgrade to 14 (version-independent licenses)' })
        .click();
      await expect(page.locator('#wizard-title, h1').first()).toBeVisible();
    },
  },
  {
    name: 'site-external-device',
    open: async (page) => {
      await switchTo(page, 'Plant B');
      await go(page, 'Devices');
      await page
        .getByTestId('devices-table')
        .getByRole('button', { name: 'expwy-core', exact: true })
        .click();
      await expect(page.getByRole('heading', { name: 'expwy-core', level: 1 })).toBeVisible();
    },
  },
  {
    name: 'site-new-reservation',
    open: async (page) => {
      await switchTo(page, 'Plant B');
      await go(page, 'Devices');
      await page
        .getByTestId('devices-table')
        .getByRole('button', { name: 'cucm-sub-2', exact: true })
        .click();
      await startFlow(page, 'New reservation');
    },
  },
  {
    name: 'site-device-list',
    open: async (page) => {
      await switchTo(page, 'Plant B');
      await go(page, 'Devices');
      await page.getByRole('button', { name: 'Add from a list' }).click();
      await page
        .getByRole('textbox', { name: 'Device list (CSV)' })
        .fill(
          [
            'name,product,pid,sn,vid,hostId,uuid,external',
            'cucm-sub-3,ucm,UCM,EDB20,,,6e1b2a4c9f0d4e3b8a7c6d5e4f3a2b1c,',
            'core-sw,ios-xe,C9300-24UX,FCW2134L0RN,,,,',
            'cucm-pub-1,ucm,UCM,EDB16,,,2e1b2a4c9f0d4e3b8a7c6d5e4f3a2b1c,',
          ].join('\n'),
        );
      await page.getByRole('button', { name: 'Check the list' }).click();
      await expect(page.getByTestId('device-list-counts')).toBeVisible();
    },
  },
  {
    name: 'site-batch-devices',
    open: async (page) => {
      await switchTo(page, 'Plant B');
      await go(page, 'Batch');
      await expect(
        page.getByRole('heading', { name: 'Batch requests and returns', level: 1 }),
      ).toBeVisible();
      await page
        .getByText(/^Choose devices/)
        .first()
        .click();
      await expect(page.getByTestId('batch-request-list')).toBeVisible();
    },
  },
  {
    name: 'site-batch-requested',
    open: async (page) => {
      await switchTo(page, 'Plant B');
      await go(page, 'Batch');
      await page.getByRole('button', { name: /^Get \d+ request codes?$/ }).click();
      await expect(page.getByTestId('batch-devices-summary')).toBeVisible();
    },
  },
  {
    name: 'site-batch-return-confirm',
    open: async (page) => {
      await switchTo(page, 'Plant B');
      await go(page, 'Batch');
      await page
        .getByRole('region', { name: 'Return reservations' })
        .getByRole('button', { name: /^Return \d+ reservations?…$/ })
        .click();
      await expect(page.getByRole('dialog', { name: 'Return these reservations?' })).toBeVisible();
    },
    close: async (page) => {
      await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
      await expect(page.getByRole('dialog')).toBeHidden();
    },
  },
  {
    name: 'site-batch-install',
    open: async (page) => {
      await switchTo(page, 'Plant B');
      await go(page, 'Batch');
      await page
        .getByRole('navigation', { name: 'Batch work' })
        .getByRole('button', { name: 'Install authorizations' })
        .click();
      await expect(page.getByRole('heading', { name: 'Batch install', level: 1 })).toBeVisible();
    },
  },
  {
    name: 'site-trust',
    open: async (page) => (await switchTo(page, 'Plant B'), await go(page, 'Trusted authority')),
  },
  {
    name: 'site-trust-replace',
    open: async (page, seeded) => {
      await switchTo(page, 'Plant B');
      await go(page, 'Trusted authority');
      await page.locator('#trust-text').fill(seeded.otherTrust);
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      await expect(page.getByTestId('fingerprint-incoming')).toBeVisible();
    },
    close: async (page) => {
      await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
      await expect(page.getByRole('dialog')).toBeHidden();
    },
  },
  {
    name: 'site-events',
    open: async (page) => {
      await switchTo(page, 'Plant B');
      await go(page, 'Event log');
      await expect(page.getByTestId('events-table').locator('tbody tr').first()).toBeVisible();
    },
  },
  {
    name: 'site-new-fingerprint',
    open: async (page, seeded) => {
      await page
        .getByRole('navigation', { name: 'Workspaces' })
        .getByRole('button', { name: 'Manage workspaces' })
        .click();
      await page.getByRole('button', { name: 'New site' }).click();
      await page.locator('#ws-name').fill('Plant N');
      await page.locator('#ws-name').press('Enter');
      await page.locator('#ws-trust').fill(seeded.trust);
      await expect(page.getByTestId('new-site-fingerprint')).toBeVisible();
    },
  },
  {
    name: 'site-transfer',
    open: async (page) => (await switchTo(page, 'Plant B'), await go(page, 'Transfer (drives)')),
  },
  {
    name: 'site-import-verdict',
    open: async (page, seeded) => {
      await switchTo(page, 'Plant B');
      await go(page, 'Transfer (drives)');
      await page
        .getByRole('region', { name: 'Bring codes in' })
        .locator('input[type=file]')
        .setInputFiles({
          name: 'authorization-again.txt',
          mimeType: 'text/plain',
          buffer: Buffer.from(seeded.authorizationCode),
        });
      await expect(page.getByTestId('import-result')).toBeVisible();
    },
  },
  {
    name: 'workspace-backups',
    open: async (page) => {
      await page
        .getByRole('navigation', { name: 'Workspaces' })
        .getByRole('button', { name: 'Manage workspaces' })
        .click();
      await page.getByRole('button', { name: 'More actions for Plant B' }).click();
      await page.getByRole('menuitem', { name: 'Backups and integrity…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Backups of “Plant B”' });
      await expect(dialog.getByTestId('backup-list')).toBeVisible();
      await dialog.getByRole('button', { name: 'Check integrity' }).click();
      await expect(dialog.getByTestId('integrity-result')).toBeVisible();
    },
    close: async (page) => {
      await page.getByRole('dialog').getByRole('button', { name: 'Close' }).last().click();
      await expect(page.getByRole('dialog')).toBeHidden();
    },
  },
  {
    name: 'workspace-damaged',
    open: async (page) => {
      await switchTo(page, 'Plant Z');
      await expect(page.locator('#damage-reason')).toContainText('STORE_DAMAGED');
      await expect(page.getByTestId('restore-loses')).toBeVisible();
    },
  },
  {
    name: 'workspace-restore-confirm',
    open: async (page) => {
      await switchTo(page, 'Plant Z');
      await expect(page.getByTestId('restore-loses')).toBeVisible();
      await page.getByRole('button', { name: 'Restore this backup…' }).click();
      await expect(page.getByRole('dialog', { name: 'Restore this backup?' })).toBeVisible();
    },
    close: async (page) => {
      await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
      await expect(page.getByRole('dialog')).toBeHidden();
    },
  },
];
