#!/usr/bin/env node
// `npm start`: builds what is stale, launches Electron when its binary is installed, otherwise
// browser mode (see electron/README.md). Flags: --browser, --no-open, --no-build, and the host's
// own flags (--data-dir, --port, --renderer-dir). The logic is TypeScript, run through tsx.
import { register } from 'tsx/esm/api';

register();
const { runStart } = await import('../electron/main/launch/start.ts');
runStart(process.argv.slice(2));
