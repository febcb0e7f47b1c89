#!/usr/bin/env node
// `npm run dev`: browser mode with Vite in middleware mode (hot reload, one origin, same token
// and API as `npm start`). Extra flags go to the host: --data-dir, --port, --no-open.
import { register } from 'tsx/esm/api';

register();
const { runStart } = await import('../electron/main/launch/start.ts');
runStart(['--browser', '--no-build', '--dev', ...process.argv.slice(2)]);
