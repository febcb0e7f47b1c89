#!/usr/bin/env node
// Runs first in `npm run dist`: Electron's own tools (electron-builder's @electron/rebuild and
// @electron/get, and Electron's binary download) declare Node >= 22.12. On older Node they
// install with EBADENGINE warnings and then fail late and obscurely, so say it up front.
// Usage: node scripts/require-node.mjs MINIMUM "what needs it"
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Whether a Node version (`20.20.2`, `v22.12.0`) is at least `minimum` (`22.12`, `22.12.0`). */
export function meetsMinimum(version, minimum) {
  const parse = (text) =>
    text
      .replace(/^v/, '')
      .split('.')
      .map((part) => Number.parseInt(part, 10) || 0);
  const have = parse(version);
  const need = parse(minimum);
  for (let i = 0; i < 3; i++) {
    if ((have[i] ?? 0) !== (need[i] ?? 0)) return (have[i] ?? 0) > (need[i] ?? 0);
  }
  return true;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [minimum = '22.12.0', what = 'this command'] = process.argv.slice(2);
  if (!meetsMinimum(process.versions.node, minimum)) {
    console.error(
      `${what} needs Node ${minimum} or newer (Electron's packaging tools); this is Node ${process.versions.node}.\n` +
        'Browser mode (npm start), npm test and the webcare CLI work on Node 20.19+; see README.md, "Set up".',
    );
    process.exit(1);
  }
}
