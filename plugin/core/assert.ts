/**
 * Argument checks for programmer errors inside the plugin (the public API validates user input
 * before any of this runs). One set of helpers keeps the messages uniform and the bundle small:
 * each names the argument and what it expected, and never echoes the value (it may be a secret).
 */

/**
 * Type tests every check shares: one small function each instead of `typeof` spelled out at some 90
 * places across the plugin (the bundle keeps each `typeof x == "string"` text whole; a call is shorter).
 */
export function isString(value: unknown): value is string {
  return typeof value === 'string';
}

export function isNumber(value: unknown): value is number {
  return typeof value === 'number';
}

/** Any object, arrays included, but not null. */
export function isNonNullObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

/** A plain object (not null, not an array): what every option, body and lockData must be. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return isNonNullObject(value) && !Array.isArray(value);
}

export function isFunction(value: unknown): value is Function {
  return typeof value === 'function';
}

/** `"name" problem`: every argument error names its argument first (one template in the bundle). */
export function rangeError(name: string, problem: string): RangeError {
  return new RangeError(`"${name}" ${problem}`);
}

export function typeError(name: string, problem: string): TypeError {
  return new TypeError(`"${name}" ${problem}`);
}

export function assertBytes(name: string, value: unknown, length?: number): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array)) throw typeError(name, `expected Uint8Array, got ${typeof value}`);
  if (length !== undefined && value.length !== length) {
    throw rangeError(name, `expected length ${length}, got ${value.length}`);
  }
}

export function assertString(name: string, value: unknown): asserts value is string {
  if (!isString(value)) throw typeError(name, `expected string, got ${typeof value}`);
}

/** An integer within min..max; TypeError for a non-number, RangeError otherwise. */
export function assertInt(name: string, value: unknown, min: number, max: number): asserts value is number {
  if (!isNumber(value)) throw typeError(name, `expected number, got ${typeof value}`);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw rangeError(name, `expected integer ${min}..${max}`);
  }
}
