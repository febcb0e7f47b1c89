#!/usr/bin/env node
// postinstall: links the `webcare` command into node_modules/.bin so that `npx webcare` runs it
// directly. We do not declare it as package.json "bin": for a project's own bin, npm exec first
// "installs" the project into its npx cache, loading the whole dependency tree, which added about
// 1.4 s to every `npx webcare` call. Never fails the install: on error it prints one line and
// `node bin/webcare.mjs` still works.
// Usage: node scripts/link-bin.mjs [project root]
import { chmodSync, lstatSync, mkdirSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..'));
const binDir = join(root, 'node_modules', '.bin');
const target = join(root, 'bin', 'webcare.mjs');
try {
  mkdirSync(binDir, { recursive: true });
  chmodSync(target, 0o755);
  if (process.platform === 'win32') {
    writeFileSync(join(binDir, 'webcare.cmd'), '@node "%~dp0\\..\\..\\bin\\webcare.mjs" %*\r\n');
  } else {
    const link = join(binDir, 'webcare');
    try {
      lstatSync(link);
      unlinkSync(link);
    } catch {
      // no link yet
    }
    symlinkSync(join('..', '..', 'bin', 'webcare.mjs'), link);
  }
} catch (e) {
  console.warn(`webcare: could not link node_modules/.bin/webcare (${e.message}); use node bin/webcare.mjs`);
}
