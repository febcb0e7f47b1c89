#!/usr/bin/env node
// Entry point of `npx webcare`: registers tsx so that the CLI and shared/analysis run as
// TypeScript sources, then hands over to bin/cli.ts.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./cli.ts');
process.exitCode = await main(process.argv.slice(2));
