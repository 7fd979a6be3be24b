// Reads a recorded drive-tool output from test/fixtures/drives/.

import { readFileSync } from 'node:fs';

export const driveFixture = (name: string): string =>
  readFileSync(new URL(`../../fixtures/drives/${name}`, import.meta.url), 'utf8');
