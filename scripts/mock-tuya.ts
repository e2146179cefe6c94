/**
 * `npm run mock-tuya`: the mock Tuya cloud on its own, for trying the CLI, the relay or your own server
 * code without a Tuya project. Prints an environment block ready to paste (TUYA_BASE_URL, TUYA_ACCESS_ID,
 * TUYA_ACCESS_SECRET, NODE_EXTRA_CA_CERTS) and one sample device per lock protocol. The credentials are
 * the mock's own, made up at start; the certificate is the test-only one in simulator/certs.
 *
 *   npm run mock-tuya -- [--port N] [--asleep] [--delivery-ms N]
 *
 * While it runs, lines typed on its stdin drive the simulated locks, so "revoking" can be watched by hand:
 *   wake ID | sleep ID | advance SECONDS | keypad ID CODE | passwords ID
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { MOCK_DEVICE_ID, startMockTuyaCloud } from '../simulator/tuya-cloud';
import type { MockDevice, MockTuyaCloud } from '../simulator/tuya-cloud';

export const SAMPLE_DEVICES: Record<string, MockDevice> = {
  [MOCK_DEVICE_ID]: { protocol: 'zigbee' },
  vdevwifilock0001: { protocol: 'wifi', pinLength: { min: 7, max: 7 } },
  vdevblelock00001: { protocol: 'ble' },
  vdevblegwlock001: { protocol: 'ble_gateway' },
};

async function run(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { port: { type: 'string' }, asleep: { type: 'boolean' }, 'delivery-ms': { type: 'string' } },
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  const deliveryDelayMs = values['delivery-ms'] === undefined ? 2000 : Number(values['delivery-ms']);
  if (!Number.isInteger(port) || port < 0 || port > 65535 || !Number.isInteger(deliveryDelayMs) || deliveryDelayMs < 0) {
    process.stderr.write('mock-tuya: --port expected 0 to 65535 and --delivery-ms a whole number of milliseconds\n');
    process.exitCode = 1;
    return;
  }
  const devices: Record<string, MockDevice> = {};
  for (const [id, d] of Object.entries(SAMPLE_DEVICES)) devices[id] = { ...d, asleep: values.asleep === true };
  const mock = await startMockTuyaCloud({ devices, deliveryDelayMs, port });
  const lines = [
    `# lockwire mock Tuya cloud at ${mock.baseUrl} (test-only certificate and made-up credentials; Ctrl+C stops it)`,
    `export TUYA_BASE_URL=${mock.baseUrl}`,
    `export TUYA_ACCESS_ID=${mock.accessId}`,
    `export TUYA_ACCESS_SECRET=${mock.accessSecret}`,
    `export NODE_EXTRA_CA_CERTS=${mock.caPath}`,
    `# sample devices: ${Object.entries(SAMPLE_DEVICES).map(([id, d]) => `${id} (${d.protocol})`).join(', ')}`,
    `# try: npm run tuya -- temp-password --device-id ${MOCK_DEVICE_ID} --password-stdin --start $(date +%s) --end $(( $(date +%s) + 7200 )) --wait <<< 123456`,
  ];
  lines.push('# stdin commands: wake ID | sleep ID | advance SECONDS | keypad ID CODE | passwords ID');
  process.stdout.write(`${lines.join('\n')}\n`);
  createInterface({ input: process.stdin }).on('line', (line) => process.stdout.write(`${command(mock, line.trim().split(/\s+/))}\n`));
  const stop = () => void mock.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** One stdin command; the answer is one line. Device ids must be known; nothing here is a Tuya API. */
export function command(mock: MockTuyaCloud, [verb, arg, extra]: string[]): string {
  const device = arg !== undefined ? mock.devices[arg] : undefined;
  if (verb === 'advance' && /^\d+$/.test(arg ?? '')) {
    mock.advance(Number(arg) * 1000);
    return `# clock is now ${new Date(mock.now()).toISOString()}`;
  }
  if (!device) return '# usage: wake ID | sleep ID | advance SECONDS | keypad ID CODE | passwords ID (ID: a sample device)';
  switch (verb) {
    case 'wake':
      mock.wake(arg);
      return `# ${arg} woke up and took every pending operation`;
    case 'sleep':
      device.asleep = true;
      return `# ${arg} is asleep: operations wait until "wake ${arg}"`;
    case 'keypad':
      return `# ${arg}: ${mock.tryPin(arg, extra ?? '') ? 'the door opens' : 'refused'}`;
    case 'passwords':
      return `# ${arg}: ${JSON.stringify(mock.passwords(arg).map((p) => ({ id: p.id, phase: p.phase, deliveryStatus: p.deliveryStatus, onLock: p.lock !== null, queued: p.queue.map((op) => op.kind) })))}`;
    default:
      return '# usage: wake ID | sleep ID | advance SECONDS | keypad ID CODE | passwords ID';
  }
}

// Runs when started as a script (run-ts.js puts the entry's path in argv[1]), not when a test imports `command`.
if (process.argv[1]?.endsWith('mock-tuya.ts')) void run();
