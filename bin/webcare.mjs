#!/usr/bin/env node
// Entry point of `npx webcare`. It runs bin/cli.ts as one JavaScript bundle that esbuild (a dev
// dependency, present after `npm ci`) builds into node_modules/.cache/webcare-cli on first use and
// again whenever one of the bundle's source files is newer than it. Transpiling the TypeScript
// sources through tsx on every start cost about half a second; the bundle starts in ~60 ms.
// Without esbuild (a production-only install) it falls back to running the sources through tsx.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cacheDir = join(root, 'node_modules', '.cache', 'webcare-cli');
const bundle = join(cacheDir, 'cli.mjs');
const inputsFile = join(cacheDir, 'inputs.json');

function isFresh() {
  try {
    const built = statSync(bundle).mtimeMs;
    const inputs = JSON.parse(readFileSync(inputsFile, 'utf8'));
    return (
      Array.isArray(inputs) &&
      inputs.length > 0 &&
      inputs.every((f) => statSync(join(root, f)).mtimeMs <= built)
    );
  } catch {
    return false;
  }
}

async function build() {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    return false;
  }
  try {
    const result = esbuild.buildSync({
      absWorkingDir: root,
      entryPoints: ['bin/cli.ts'],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      // Dependencies (zod) are bundled too: one file loads ~0.1 s faster than zod's module tree.
      outfile: bundle,
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    mkdirSync(cacheDir, { recursive: true });
    // Write then rename, so that concurrent first runs never load a half-written bundle.
    const tmp = `${bundle}.${process.pid}.tmp`;
    writeFileSync(tmp, result.outputFiles[0].contents);
    // This file decides how the bundle is built, so a change here rebuilds it too.
    writeFileSync(inputsFile, JSON.stringify(['bin/webcare.mjs', ...Object.keys(result.metafile.inputs)]));
    renameSync(tmp, bundle);
    return true;
  } catch {
    return false;
  }
}

let main;
if (isFresh() || (await build())) {
  ({ main } = await import(pathToFileURL(bundle).href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('./cli.ts'));
}
process.exitCode = await main(process.argv.slice(2));
