import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url).pathname;
const config = parse(readFileSync(`${root}electron-builder.yml`, 'utf8')) as Record<
  string,
  unknown
>;

describe('electron-builder configuration', () => {
  it("is valid against electron-builder's own schema", () => {
    const schema = createRequire(import.meta.url)('app-builder-lib/scheme.json') as object;
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
  });

  it('builds AppImage and deb, NSIS and dmg', () => {
    expect((config.linux as { target: string[] }).target).toEqual(['AppImage', 'deb']);
    expect((config.win as { target: string[] }).target).toEqual(['nsis']);
    expect((config.mac as { target: string[] }).target).toEqual(['dmg']);
  });

  it('packs only production files into an asar, with the fuses that keep it sealed', () => {
    expect(config.asar).toBe(true);
    expect(config.files).toEqual(['dist/**/*', 'bin/airlock.cjs', 'package.json', '!**/*.map']);
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      onlyLoadAppFromAsar: true,
      enableNodeCliInspectArguments: false,
    });
  });

  it('rebuilds the SQLite module for Electron and keeps its binary outside the asar', () => {
    expect(config.npmRebuild).toBe(true);
    expect(config.asarUnpack).toEqual(['node_modules/better-sqlite3/**/*.node']);
    const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as {
      dependencies: Record<string, string>;
      allowScripts: Record<string, boolean>;
    };
    expect(pkg.dependencies['better-sqlite3']).toMatch(/^12\./);
    expect(pkg.allowScripts['better-sqlite3']).toBe(true);
    const build = readFileSync(`${root}scripts/build-main.mjs`, 'utf8');
    expect(build).toMatch(/external: \['electron', 'better-sqlite3'\]/);
  });

  it('associates transfer files so a double-click opens the import', () => {
    expect(config.fileAssociations).toEqual([expect.objectContaining({ ext: 'airlock' })]);
  });

  it('points at the bundled main process', () => {
    const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { main: string };
    expect(pkg.main).toBe('dist/main.cjs');
  });
});
