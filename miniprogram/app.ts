/**
 * The lockwire demo host. It has two pages: "Add passcode" (Bluetooth, TTLock V3) and "Temporary
 * password (Tuya)" (through the developer's relay). globalData starts empty; tests and `npm run demo`
 * fill simulatorLocks and the relay fields when they run the app against the simulator.
 */
import { emptyGlobalData, type DemoGlobalData } from './utils/app-data';

App<{ globalData: DemoGlobalData }>({
  globalData: emptyGlobalData(),
});
