/**
 * Literal strings a prompt is about: quoted text and code identifiers. Both must be
 * answered for exactly what they say ("carpe diem" vs "memento mori", `useMemo` vs
 * `useEffect`), and an embedding of the whole prompt hardly moves when they change.
 */

// Single quotes only when they cannot be an apostrophe: not inside a word on either side.
const QUOTED = [/"([^"]{1,200})"/g, /`([^`]{1,200})`/g, /(?<![\p{L}\p{N}])'((?:[^']|(?<=\p{L})'(?=\p{L})){1,200})'(?![\p{L}\p{N}])/gu];

const IDENTIFIERS = [
  /`([^`]{1,100})`/g, // anything in backticks
  /\b([a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)+)\b/g, // camelCase: useEffect, flatMap
  /\b([A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+)\b/g, // PascalCase with inner capitals: HashMap, ImportError
  /(?<![\w.])([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+)(?:\(\))?/g, // dotted: os.path.join, Array.prototype.map
  /\b(\w+(?:::\w+)+)/g, // scoped: std::vector::resize
  /(?<![\w-])(--?[a-z][\w-]*)/g, // flags: --force, -rf
  /(?<![\w.])([A-Za-z_]\w*)\(\)/g, // calls: sorted()
  /\b(\w*_\w+)\b/g, // snake_case, __dunder__
  /\b((?:git|npm|yarn|pnpm|pip|kubectl|docker|helm|cargo|brew|apt|systemctl|conda|terraform) [a-z][\w-]*)/g, // CLI subcommands
  /(?<![\w-])([a-z]+(?:-[a-z]+)+)(?=\s*[:;(]|\s+(?:flag|option|property|header|directive|attribute|mean|do|does|work)\b)/gi, // flex-grow, no-store
];

// Dotted words that are prose, not code ("e.g.", "U.S.", "a.m.").
const PROSE_DOTTED = /^(?:\w\.)+\w?$/;

export function extractQuotes(normalized: string): Set<string> {
  const found = new Set<string>();
  for (const pattern of QUOTED) {
    for (const match of normalized.matchAll(pattern)) {
      const inner = normalizeLiteral(match[1] as string);
      if (inner !== '') found.add(inner);
    }
  }
  return found;
}

export function extractIdentifiers(normalized: string): Set<string> {
  const found = new Set<string>();
  for (const pattern of IDENTIFIERS) {
    for (const match of normalized.matchAll(pattern)) {
      const id = (match[1] as string).trim();
      if (id === '' || PROSE_DOTTED.test(id) || /^\d/.test(id)) continue;
      // Case-insensitive: users type `useeffect` and `UseEffect` for the same thing.
      found.add(id.toLowerCase().replace(/\(\)$/, ''));
    }
  }
  return found;
}

/** Lower case, inner whitespace collapsed, trailing punctuation dropped: "Break a leg!" = "break a leg". */
export function normalizeLiteral(text: string): string {
  return text
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/^[\s.,!?;:]+|[\s.,!?;:]+$/g, '');
}
