/**
 * Expands the ClickHouse Grafana plugin's macros and template variables into plain SQL so
 * chdb can analyse a dashboard query
 * (https://grafana.com/docs/plugins/grafana-clickhouse-datasource/latest/query-editor/#macros).
 * Values are fixed stand-ins: the point is that names and types resolve, not the result.
 */
export function expandClickHouseMacros(sql: string): string {
  let out = sql;
  out = replaceCalls(out, '$__conditionalAll', ([condition]) => `(${condition ?? '1 = 1'})`);
  out = replaceCalls(out, '$__timeFilter', ([column]) => `(${column} >= toDateTime64('2025-01-01 00:00:00', 3) AND ${column} <= toDateTime64('2025-01-02 00:00:00', 3))`);
  out = replaceCalls(out, '$__timeInterval', ([column]) => `toStartOfInterval(toDateTime(${column}), INTERVAL 60 second)`);
  out = out
    .replace(/\$__fromTime\b/g, "toDateTime('2025-01-01 00:00:00')")
    .replace(/\$__toTime\b/g, "toDateTime('2025-01-02 00:00:00')")
    .replace(/\$__interval_s\b/g, '60');
  const unknown = /\$__\w+/.exec(out);
  if (unknown !== null) throw new Error(`macro ${unknown[0]} is not known to this test: add it to expandClickHouseMacros`);
  return out
    .replace(/\$\{(\w+):singlequote\}/g, "'value'")
    .replace(/\$\{(\w+)(?::\w+)?\}/g, "'value'")
    .replace(/\$(\w+)/g, "'value'");
}

/** Replaces `name(arg, ...)` calls, arguments split at top-level commas (macros nest SQL). */
function replaceCalls(sql: string, name: string, expand: (args: string[]) => string): string {
  let out = '';
  let rest = sql;
  for (;;) {
    const at = rest.indexOf(`${name}(`);
    if (at < 0) return out + rest;
    out += rest.slice(0, at);
    const { args, end } = readArguments(rest, at + name.length + 1);
    out += expand(args);
    rest = rest.slice(end);
  }
}

function readArguments(text: string, start: number): { args: string[]; end: number } {
  const args: string[] = [];
  let depth = 0;
  let current = '';
  for (let i = start; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (ch === '(') depth++;
    if (ch === ')' && depth === 0) {
      args.push(current.trim());
      return { args, end: i + 1 };
    }
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      args.push(current.trim());
      current = '';
    } else current += ch;
  }
  throw new Error(`unbalanced macro call in: ${text}`);
}

/** Table names after FROM / JOIN (no subqueries in the dashboards, so this is enough). */
export function referencedTables(sql: string): string[] {
  return [...sql.matchAll(/\b(?:FROM|JOIN)\s+([a-zA-Z_][\w.]*)/gi)].map((m) => (m[1] ?? '').split('.').pop() ?? '');
}
