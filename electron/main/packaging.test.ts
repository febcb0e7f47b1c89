import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = join(import.meta.dirname, '..', '..');
const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown> & {
  win: { icon: string; target: { target: string }[] };
  mac: { icon: string; target: { target: string }[] };
  linux: { icon: string; target: string[] };
  files: string[];
  extraMetadata: { main: string };
  directories: { output: string; buildResources: string };
  electronFuses?: Record<string, unknown>;
};
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  main: string;
  scripts: Record<string, string>;
};

function pngSize(path: string): { width: number; height: number } {
  const data = readFileSync(path);
  expect(data.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

describe('electron-builder.yml', () => {
  it('names the app and packs it into asar', () => {
    expect(config.appId).toBe('nl.webcare.desktop');
    expect(config.productName).toBe('Webcare');
    expect(config.asar).toBe(true);
  });

  it('targets nsis on Windows, dmg on macOS, AppImage and deb on Linux', () => {
    expect(config.win.target.map((t) => t.target)).toEqual(['nsis']);
    expect(config.mac.target.map((t) => t.target)).toEqual(['dmg']);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
  });

  it('packages the built dist folder with the entry package.json points at', () => {
    expect(config.files).toContain('dist/**/*');
    expect(config.extraMetadata.main).toBe(pkg.main);
    expect(pkg.main.startsWith('dist/')).toBe(true);
    expect(pkg.scripts.dist).toContain('electron-builder --config electron-builder.yml');
    expect(readFileSync(join(root, 'scripts', 'build-electron.mjs'), 'utf8')).toContain(
      pkg.main.split('/').at(-1),
    );
  });

  it('points at icons that exist and are at least 512x512', () => {
    for (const icon of new Set([config.win.icon, config.mac.icon, config.linux.icon])) {
      expect(existsSync(join(root, icon))).toBe(true);
      const { width, height } = pngSize(join(root, icon));
      expect(width).toBeGreaterThanOrEqual(512);
      expect(height).toBe(width);
    }
    expect(existsSync(join(root, config.directories.buildResources))).toBe(true);
  });

  it("passes electron-builder's own schema check (the one `npm run dist` runs first)", async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    // The check is real: a misspelt fuse is refused.
    await expect(
      validateConfiguration(
        { ...config, electronFuses: { runAsNod: false } } as never,
        new DebugLogger(false),
      ),
    ).rejects.toThrow(/electronFuses/);
    // Compiling electron-builder's 10k-line JSON schema takes seconds on a busy machine.
  }, 30_000);

  it('flips the Electron fuses that let others run code as the packaged app', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
    // Asar integrity and asar-only loading need the app in an asar archive with its integrity
    // data, which electron-builder only writes when neither is switched off.
    expect(config.asar).toBe(true);
    expect(config.disableAsarIntegrity).toBeUndefined();
  });
});
