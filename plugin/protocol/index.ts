/** The protocol layer: pure functions over Uint8Array, no wx, no timers, nothing from ble/. */
export * from './crc8';
export * from './aes';
export * from './frame';
export * from './reassembler';
export * from './commands';
export * from './credential';
export * from './lock-data';
export * from './lock-time';
export * from './advert';
export * from './passcode-commands';
export * from './passcode-list';
export * from './lock-clock';
export * from './reset-passcodes';
