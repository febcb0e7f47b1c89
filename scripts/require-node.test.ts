import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { meetsMinimum } from './require-node.mjs';

const script = join(import.meta.dirname, 'require-node.mjs');
// npm's own range semantics; semver ships with the toolchain (no types, so the two calls used).
const semver = createRequire(import.meta.url)('semver') as {
  satisfies(version: string, range: string): boolean;
  minVersion(range: string): { version: string } | null;
};

describe('require-node (first step of npm run dist)', () => {
  it('compares Node versions numerically', () => {
    expect(meetsMinimum('20.20.2', '22.12')).toBe(false);
    expect(meetsMinimum('22.11.9', '22.12.0')).toBe(false);
    expect(meetsMinimum('v22.12.0', '22.12')).toBe(true);
    expect(meetsMinimum('22.100.0', '22.12.0')).toBe(true);
    expect(meetsMinimum('24.0.0', '22.12.0')).toBe(true);
    expect(meetsMinimum('9.0.0', '10.0.0')).toBe(false);
  });

  it('stops with a message that says what works on this Node, and passes otherwise', () => {
    const refused = spawnSync(process.execPath, [script, '99.0.0', 'npm run dist'], { encoding: 'utf8' });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`npm run dist needs Node 99.0.0 or newer`);
    expect(refused.stderr).toContain(`this is Node ${process.versions.node}`);
    expect(refused.stderr).toContain('Node 20.19+');
    const passed = spawnSync(process.execPath, [script, '20.0.0', 'npm run dist'], { encoding: 'utf8' });
    expect(passed.status).toBe(0);
    expect(passed.stderr).toBe('');
  });
});

describe('package.json engines', () => {
  const root = join(import.meta.dirname, '..');
  const read = (path: string) =>
    JSON.parse(readFileSync(join(root, path), 'utf8')) as {
      engines?: { node?: string };
      scripts?: Record<string, string>;
    };
  const range = read('package.json').engines!.node!;
  // Every version from 18.0 to 27.x, at the minor steps where engine ranges change.
  const versions = [18, 19, 20, 21, 22, 23, 24, 25, 26, 27].flatMap((major) =>
    [0, 9, 12, 13, 19, 20].map((minor) => `${major}.${minor}.0`),
  );

  it('promises only Node versions that every dependency supports, Electron aside', () => {
    // Everything `npm ci`, `npm test`, browser mode and the CLI load. Electron itself (and the
    // tools it pulls in) need 22.12+; the next test covers that.
    const pkg = read('package.json') as { dependencies?: object; devDependencies?: object };
    const names = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter(
      (name) => name !== 'electron',
    );
    expect(names).toEqual(expect.arrayContaining(['vite', 'vitest', 'eslint', 'jsdom', 'conf']));
    const allowed = versions.filter((version) => semver.satisfies(version, range));
    expect(allowed).toContain('20.19.0');
    for (const name of names) {
      const declared = read(`node_modules/${name}/package.json`).engines?.node ?? '*';
      for (const version of allowed)
        expect(semver.satisfies(version, declared), `${name} ${declared} on ${version}`).toBe(true);
    }
  });

  it('checks the Node that Electron packaging needs before npm run dist starts', () => {
    const dist = read('package.json').scripts!.dist!;
    const minimum = /require-node\.mjs (\S+)/.exec(dist)?.[1];
    expect(dist.startsWith('node scripts/require-node.mjs')).toBe(true);
    for (const name of ['electron', '@electron/get', '@electron/rebuild']) {
      const declared = read(`node_modules/${name}/package.json`).engines!.node!;
      expect(semver.minVersion(declared)!.version, name).toBe(minimum);
    }
  });
});
