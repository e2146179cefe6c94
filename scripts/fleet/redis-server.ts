/**
 * A real redis-server for tests and the benchmark: started on a free loopback port with persistence off
 * (`--save '' --appendonly no`), stopped by its PID. When redis-server is missing or will not start,
 * the error says so and how to install it (.ci/run does it on CI).
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as net from 'node:net';

export interface RedisServer {
  url: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

function redisBinary(): string {
  try {
    return execFileSync('which', ['redis-server'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('redis-server is not installed: run `apt-get update && apt-get install -y redis-server` (.ci/run does this)');
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function startOnce(binary: string, port: number): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--loglevel', 'notice'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`redis-server did not become ready on port ${port} within 10 s: ${output.slice(-300)}`));
    }, 10000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        child.stdout!.removeAllListeners('data');
        child.stdout!.resume();
        resolve(child);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`redis-server could not be started: ${err.message}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with code ${code} before it was ready: ${output.slice(-300)}`));
    });
  });
}

export async function startRedisServer(): Promise<RedisServer> {
  const binary = redisBinary();
  let lastError: unknown;
  // The free port can be taken between the probe and the start; a second port settles it.
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    try {
      const child = await startOnce(binary, port);
      child.removeAllListeners('exit');
      return {
        url: `redis://127.0.0.1:${port}`,
        port,
        pid: child.pid!,
        stop: () =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            process.kill(child.pid!, 'SIGTERM');
          }),
      };
    } catch (err) {
      lastError = err;
    }
  }
  throw lastError;
}
