// Bundles the Electron main process and the preload into dist/electron/ with esbuild.
// main.cjs: Node platform, CommonJS, `electron` external. preload.cjs: CommonJS in one file,
// because a sandboxed preload cannot require anything but a few Electron modules.
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'electron');
mkdirSync(outdir, { recursive: true });

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  sourcemap: 'linked',
  external: ['electron'],
  logLevel: 'warning',
  // Some ESM dependencies (conf, electron-store) read import.meta.url; give them __filename's URL.
  define: { 'import.meta.url': 'importMetaUrl' },
  banner: { js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
};

const started = Date.now();
await Promise.all([
  build({ ...common, entryPoints: [join(root, 'electron/main/main.ts')], outfile: join(outdir, 'main.cjs') }),
  build({
    ...common,
    entryPoints: [join(root, 'electron/preload/index.ts')],
    outfile: join(outdir, 'preload.cjs'),
  }),
]);
console.log(`Built dist/electron/main.cjs and preload.cjs in ${Date.now() - started} ms`);
