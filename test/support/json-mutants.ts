/** Values a mutation writes into a JSON document: every type, edge numbers, empty shapes. */
export const ODD_VALUES: readonly unknown[] = [undefined, null, 0, -1, 1.5, 'x', '', true, false, [], {}, [1], { a: 1 }, Number.NaN];

/** Every object or array inside `value`, itself included. */
function containers(value: unknown, out: Array<Record<string, unknown> | unknown[]> = []): Array<Record<string, unknown> | unknown[]> {
  if (typeof value !== 'object' || value === null) return out;
  out.push(value as Record<string, unknown>);
  for (const child of Object.values(value)) containers(child, out);
  return out;
}

/**
 * A copy of `seed` with one to three random edits: a key (its own, or one of `keys`, which
 * names fields the schema under test cares about) set to an odd value or deleted. For
 * differential tests of a hand-written fast path against the schema it shortcuts.
 */
export function mutateJson(seed: unknown, random: () => number, keys: readonly string[]): unknown {
  const copy = structuredClone(seed);
  const steps = 1 + Math.floor(random() * 3);
  for (let i = 0; i < steps; i++) {
    const all = containers(copy);
    const target = all[Math.floor(random() * all.length)];
    if (target === undefined) continue;
    const choices: Array<string | number> = Array.isArray(target) ? target.map((_, k) => k) : [...Object.keys(target), ...keys];
    const key = choices[Math.floor(random() * choices.length)];
    if (key === undefined) continue;
    const value: unknown = structuredClone(ODD_VALUES[Math.floor(random() * ODD_VALUES.length)]);
    if (random() < 0.2 && !Array.isArray(target)) delete target[key as string];
    else (target as Record<string | number, unknown>)[key] = value;
  }
  return copy;
}
