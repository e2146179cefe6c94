/**
 * The failures `npm run demo -- --fault <name>` can show, each armed on the simulator before the page's
 * button is tapped, with the error code the page must then show.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FakeBle, VirtualLock } from '../../simulator';
import { ROOT } from '../repo-root';
import type { DemoPlugin } from './headless-host';

export interface DemoScene {
  lock: VirtualLock;
  fake: FakeBle;
  plugin: DemoPlugin;
  passcode: string;
}

export interface DemoFault {
  /** What happens, for the transcript. */
  story: string;
  /** The errorCode the result card must show. */
  expectedCode: number;
  arm(scene: DemoScene): string[];
}

/** Replies of one operation: CHECK_ADMIN, CHECK_RANDOM, then ADD. */
const ADD_REPLY = 3;
const DEMO_SCAN_TIMEOUT_MS = 1500;

export const DEMO_FAULTS: Record<string, DemoFault> = {
  'link-drop': {
    story: 'the Bluetooth link drops after the passcode went out, before the lock confirms it, and the lock stays out of reach',
    expectedCode: 10003,
    arm({ fake }) {
      fake.faults.add({ on: 'reply', nth: ADD_REPLY, action: { kind: 'drop' } });
      // Every reconnect to read the lock's list fails too, so the outcome cannot be settled.
      fake.faults.add({ on: 'createBLEConnection', nth: 2, times: 50, action: { kind: 'fail', errCode: 10003 } });
      return ['the link will drop instead of the lock\'s answer to ADD, and reconnecting will fail'];
    },
  },
  'out-of-range': {
    story: 'the lock is out of range, so the scan never finds it',
    expectedCode: 10404,
    arm({ lock, plugin }) {
      lock.inRange = false;
      plugin.configure({ scanTimeoutMs: DEMO_SCAN_TIMEOUT_MS });
      return [
        'the lock does not advertise (out of range)',
        `configure({ scanTimeoutMs: ${DEMO_SCAN_TIMEOUT_MS} }) shortens the default 10 s scan for the demo`,
      ];
    },
  },
  'passcode-exists': {
    story: 'the lock already stores this passcode',
    expectedCode: 20,
    arm({ lock, passcode }) {
      lock.addPasscodeDirectly(passcode);
      return [`the lock already stores ${passcode}`];
    },
  },
  'storage-full': {
    story: "the lock's passcode memory is full",
    expectedCode: 22,
    arm({ lock }) {
      lock.capacity = 3;
      for (const code of ['1111', '2222', '3333']) lock.addPasscodeDirectly(code);
      return ['the lock holds 3 passcodes and has room for 3'];
    },
  },
};

export const FAULT_NAMES = Object.keys(DEMO_FAULTS);

/**
 * The demo host's pages as app.json lists them, each with the title its WXML shows, so a page added
 * to the demo shows up in --help without a list to keep.
 */
export function demoPages(): [string, string][] {
  const app = JSON.parse(fs.readFileSync(path.join(ROOT, 'miniprogram', 'app.json'), 'utf8')) as { pages: string[] };
  return app.pages.map((page) => {
    const wxml = fs.readFileSync(path.join(ROOT, 'miniprogram', `${page}.wxml`), 'utf8');
    const title = /<text class="title">([^<]+)<\/text>/.exec(wxml)?.[1].trim() ?? '';
    return [page.replace(/\/index$/, ''), title ? `"${title}"` : ''];
  });
}

export const DEMO_USAGE = `usage: npm run demo [-- --fault ${FAULT_NAMES.join('|')}] [-- --help]`;

/** What `npm run demo -- --help` prints: the usage, the pages and the faults. */
export function demoHelp(): string {
  const width = Math.max(...FAULT_NAMES.map((n) => n.length)) + 2;
  return [
    DEMO_USAGE,
    '',
    "Runs the demo app's pages headless in Node against the simulator and prints what they show.",
    'pages (from miniprogram/app.json):',
    ...demoPages().map(([page, title]) => `  ${page.padEnd(16)}${title}`),
    'faults (--fault NAME shows the "Add passcode" page failing):',
    ...FAULT_NAMES.map((n) => `  ${n.padEnd(width)}${DEMO_FAULTS[n].story} (${DEMO_FAULTS[n].expectedCode})`),
  ].join('\n');
}

/**
 * `--fault name` or `--fault=name`: that fault; nothing: null; `--help`: 'help'. Throws with the usage
 * on anything else, naming an unknown fault.
 */
export function parseDemoArgs(argv: string[]): string | null {
  if (argv[0] === '--') argv = argv.slice(1); // `node scripts/run-ts.js scripts/demo.ts -- --fault x`
  if (argv.length === 0) return null;
  if (argv.length === 1 && (argv[0] === '--help' || argv[0] === '-h')) return 'help';
  let name: string | undefined;
  if (argv.length === 1 && argv[0].startsWith('--fault=')) name = argv[0].slice('--fault='.length);
  else if (argv.length === 2 && argv[0] === '--fault') name = argv[1];
  if (name !== undefined && !DEMO_FAULTS[name]) {
    throw new Error(`demo: unknown fault "${name}"; the faults are ${FAULT_NAMES.join(', ')}\n${DEMO_USAGE}`);
  }
  if (!name) throw new Error(`demo: unexpected arguments ${JSON.stringify(argv.join(' '))}\n${DEMO_USAGE}`);
  return name;
}
