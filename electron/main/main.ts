// Electron entry (bundled to dist/electron/main.cjs). Thin on purpose: everything testable
// lives in electron-app.ts and the plain Node services it wires up.
import { app } from 'electron';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { resolveDataDir } from './host/data-dir.ts';
import { registerAppScheme, startElectronApp } from './electron-app.ts';

const { values } = parseArgs({
  args: process.argv.slice(1),
  options: { 'data-dir': { type: 'string' } },
  strict: false,
  allowPositionals: true,
});
const dataDir = resolve(
  resolveDataDir(typeof values['data-dir'] === 'string' ? values['data-dir'] : undefined),
);
app.setName('Webcare');
app.setPath('userData', dataDir);
app.enableSandbox();
registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  startElectronApp({ appRoot: app.getAppPath(), dataDir }).catch((error: unknown) => {
    console.error('Webcare failed to start:', error);
    app.exit(1);
  });
}
