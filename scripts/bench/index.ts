/**
 * npm run bench: figures, not assertions. Each section prints its own lines.
 */
import * as ble from './ble';
import * as lifecycle from './lifecycle';
import * as protocol from './protocol';
import * as tuya from './tuya';
import * as ttlock from './ttlock';

const sections: Array<[string, (log: (line: string) => void) => Promise<void>]> = [
  ['protocol codec and plugin size', protocol.run],
  ['createCustomPasscode in virtual time', ble.run],
  ['the passcode lifecycle in virtual time', lifecycle.run],
  ['Tuya temporary passwords: lockwire vs tuya-connector-nodejs', tuya.run],
  ['TTLock cloud: requests per operation, gateway adds per minute', ttlock.run],
];

(async () => {
  for (const [title, run] of sections) {
    console.log(`\n== ${title}`);
    await run((line) => console.log(`  ${line}`));
  }
})().catch((err) => {
  console.error('bench failed:', err instanceof Error ? err.message : err);
  process.exit(1);
});
