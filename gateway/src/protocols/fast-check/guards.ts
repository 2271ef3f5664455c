/**
 * Primitive checks shared by the hand-written request validators. Each one answers "certainly
 * valid for the zod schema it mirrors"; anything unusual answers false so that zod decides.
 *
 * zod facts they rely on (zod v4, see node_modules/zod/v4/core):
 * - `z.number()` rejects NaN and ±Infinity; `z.int()` additionally needs a safe integer.
 * - An object schema accepts any non-null, non-array object, but its output is a copy that
 *   drops an own `__proto__` key (it would replace the copy's prototype). The fast path hands
 *   the body on as is, so a body holding such a key must go through zod to lose it.
 * - `z.record()` wants a plain object, reads `Reflect.ownKeys` (a symbol key fails a
 *   `z.string()` key) and also drops an own `__proto__` key.
 */

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * A value a zod object schema accepts as an object, and copies without losing anything: an
 * object with Object.prototype, as JSON.parse makes (zod would also accept a Date, a class
 * instance or a null-prototype object, but copy it to a plain `{}`), without an own
 * `__proto__` key.
 */
export function isObj(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || hasOwn.call(value, '__proto__')) return false;
  return Object.getPrototypeOf(value) === Object.prototype;
}

/**
 * A value a zod record accepts as its container, at least as strictly as zod's isPlainObject
 * (isObj's prototype test, no own constructor function) and without symbol keys.
 * The symbol probe allocates an empty array; records are rare enough (metadata, tool schemas).
 */
function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (!isObj(value)) return false;
  const ctor = value['constructor'];
  if (typeof ctor === 'function' && ctor !== Object) return false;
  return Object.getOwnPropertySymbols(value).length === 0;
}

/** `z.record(z.string(), z.unknown())`. */
export function isUnknownRecord(value: unknown): boolean {
  return isPlainRecord(value);
}

/** `z.record(z.string(), z.string())`. */
export function isStringRecord(value: unknown): boolean {
  if (!isPlainRecord(value)) return false;
  for (const key in value) {
    if (typeof value[key] !== 'string') return false;
  }
  return true;
}

/** `z.record(z.string(), z.number())`. */
export function isNumberRecord(value: unknown): boolean {
  if (!isPlainRecord(value)) return false;
  for (const key in value) {
    if (!isNum(value[key])) return false;
  }
  return true;
}

/** `z.number()`: finite, not NaN. */
export function isNum(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** `z.number().min(lo).max(hi)`. */
export function inRange(value: unknown, lo: number, hi: number): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value >= lo && value <= hi;
}

/** `z.int().min(lo)` (z.int() means a safe integer). */
export function isIntMin(value: unknown, lo: number): boolean {
  return Number.isSafeInteger(value) && (value as number) >= lo;
}

/** `z.string().min(1)`. */
export function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

/** `z.string().optional()`: absent or undefined is fine, null is not. */
export function optString(value: unknown): boolean {
  return value === undefined || typeof value === 'string';
}

/** `z.boolean().optional()`. */
export function optBool(value: unknown): boolean {
  return value === undefined || typeof value === 'boolean';
}

/** `z.boolean().nullish()`. */
export function nullishBool(value: unknown): boolean {
  return value === undefined || value === null || typeof value === 'boolean';
}

/** `z.array(z.string())`, optionally capped in length. */
export function isStringArray(value: unknown, max: number): boolean {
  return isArrayOf(value, isString) && value.length <= max;
}

function isString(value: unknown): boolean {
  return typeof value === 'string';
}

/** An array whose every element passes `check` (length bounds are the caller's). */
export function isArrayOf(value: unknown, check: (item: unknown) => boolean): value is unknown[] {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) {
    if (!check(value[i])) return false;
  }
  return true;
}

/** `string | item[]`: a string, or an array (empty allowed) whose every element passes `check`. */
export function isStringOrArrayOf(value: unknown, check: (item: unknown) => boolean): boolean {
  return typeof value === 'string' || isArrayOf(value, check);
}

/** An optional array: absent, or an array whose every element passes `check`. */
export function isOptionalArrayOf(value: unknown, check: (item: unknown) => boolean): boolean {
  return value === undefined || isArrayOf(value, check);
}
