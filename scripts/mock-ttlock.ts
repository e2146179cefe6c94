/**
 * `npm run mock-ttlock`: the mock TTLock cloud on 127.0.0.1 until Ctrl-C, with one virtual lock behind
 * one online gateway (3 to 8 s per gateway command, as observed on real G2 gateways). Prints the
 * environment block to paste before `npm run ttlock -- ...`. Test-only certificate: never for real use.
 */
import { startMockTTLockCloud } from '../simulator/ttlock-cloud';

async function run(): Promise<void> {
  const mock = await startMockTTLockCloud({ locks: [{}, { gatewayId: null }] });
  process.stdout.write(
    [
      '# mock TTLock cloud (TEST-ONLY certificate). Paste into another shell:',
      mock.envBlock(),
      `# locks: ${mock.lockIds[0]} (gateway ${mock.lock(mock.lockIds[0]).gatewayId}), ${mock.lockIds[1]} (no gateway)`,
      '# try: npm run ttlock -- locks',
      '',
    ].join('\n'),
  );
  const stop = () => void mock.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

run().catch((err: unknown) => {
  process.stderr.write(`mock-ttlock: ${(err as Error).message}\n`);
  process.exitCode = 1;
});
