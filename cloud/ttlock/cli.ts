/**
 * Entry point of `ttlock ...` (`npm run ttlock -- ...`). All logic is in cli-main.ts; this file only
 * binds it to the process.
 */
import { main } from './cli-main';

main(
  process.argv.slice(2),
  process.env,
  (line) => process.stdout.write(`${line}\n`),
  // One line per failure, whatever the message holds.
  (line) => process.stderr.write(`${line.replace(/[\r\n]+/g, ' ')}\n`),
).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.stderr.write('ttlock: unexpected failure\n');
    process.exitCode = 1;
  },
);
