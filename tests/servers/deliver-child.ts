// A separate process that sends one reply through the main-side services, for the crash-point
// tests: with WEBCARE_TEST_CRASH_AT set it is killed with SIGKILL at that point of the delivery,
// as a power cut or a crashed host would be. Input: WEBCARE_DATA_DIR and a JSON request on argv.
import { crashPointFromEnv } from '../../electron/main/services/channel-services.ts';
import { startService } from './email-harness.ts';

const dataDir = process.env.WEBCARE_DATA_DIR;
const request = process.argv[2];
if (!dataDir || !request) {
  console.error('usage: WEBCARE_DATA_DIR=DIR deliver-child.ts \'{"accountId",...}\'');
  process.exit(2);
}
const crashPoint = crashPointFromEnv();
const harness = await startService({ dataDir, ...(crashPoint ? { crashPoint } : {}) });
const result = await harness.service.send(JSON.parse(request));
console.log(JSON.stringify(result));
await harness.close();
