/**
 * Entry point of the `tuya` CLI (`npm run tuya -- temp-password ...`, or `node dist/cloud/cli.js ...`
 * after the build). All logic is in cli-main.ts; this file only binds it to the process.
 */
import { main } from './cli-main';
import { runCliProcess } from './cli-run';

runCliProcess('tuya', main);
