/**
 * Entry point of `ttlock ...` (`npm run ttlock -- ...`). All logic is in cli-main.ts; this file only
 * binds it to the process.
 */
import { runCliProcess } from '../cli-run';
import { main } from './cli-main';

runCliProcess('ttlock', main);
