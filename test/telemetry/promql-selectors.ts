/**
 * Just enough PromQL reading to check a dashboard against the metrics that exist: which
 * metric names an expression selects, with which label matchers, and which labels it
 * groups by. Not a parser: promtool (check rules) validates the syntax.
 */

export interface MetricSelector {
  name: string;
  /** Label names used in `{...}` matchers. */
  labels: string[];
}

const KEYWORDS = new Set([
  'sum', 'min', 'max', 'avg', 'group', 'stddev', 'stdvar', 'count', 'count_values', 'bottomk', 'topk', 'quantile', 'limitk', 'limit_ratio',
  'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'and', 'or', 'unless', 'offset', 'atan2', 'inf', 'nan',
]);

/** Grafana's variables → values PromQL accepts: durations for the interval macros, `.*` for template variables. */
export function substituteGrafanaVariables(expr: string): string {
  return expr
    .replace(/\$__(rate_interval|interval|range)\b/g, '5m')
    .replace(/\$\{(\w+)(?::\w+)?\}/g, '.*')
    .replace(/\$(\w+)/g, '.*');
}

export function metricSelectors(rawExpr: string): MetricSelector[] {
  const expr = substituteGrafanaVariables(rawExpr);
  const selectors: MetricSelector[] = [];
  // Matchers first: `name{label="v", ...}` (a bare `{...}` without a name selects by label only).
  const withoutStrings = expr.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  for (const match of withoutStrings.matchAll(/([a-zA-Z_:][\w:]*)?\s*\{([^}]*)\}/g)) {
    const labels = [...(match[2] ?? '').matchAll(/([a-zA-Z_]\w*)\s*(?:=~|!~|!=|=)/g)].map((m) => m[1] ?? '');
    if (match[1] !== undefined && !KEYWORDS.has(match[1])) selectors.push({ name: match[1], labels });
  }
  // Then bare names: drop matchers, ranges and grouping clauses, then every identifier that is
  // neither a keyword nor called as a function is a metric name.
  const bare = withoutStrings
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  for (const match of bare.matchAll(/\d+(?:\.\d+)?(?:e[+-]?\d+)?|[a-zA-Z_:][\w:]*/gi)) {
    const token = match[0];
    if (/^\d/.test(token) || KEYWORDS.has(token.toLowerCase())) continue;
    const after = bare.slice((match.index ?? 0) + token.length);
    if (/^\s*\(/.test(after)) continue;
    if (!selectors.some((s) => s.name === token)) selectors.push({ name: token, labels: [] });
  }
  return selectors;
}

/** Labels named in `by (...)` / `without (...)` / `on (...)` / `ignoring (...)` clauses. */
export function groupingLabels(expr: string): string[] {
  return [...expr.matchAll(/\b(?:by|without|on|ignoring)\s*\(([^)]*)\)/g)].flatMap((m) =>
    (m[1] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
  );
}

/** `label_values(metric, label)` in a variable query. */
export function labelValuesQuery(query: string): { name: string; label: string } | undefined {
  const match = /^\s*label_values\(\s*([a-zA-Z_:][\w:]*)\s*,\s*(\w+)\s*\)\s*$/.exec(query);
  return match === null ? undefined : { name: match[1] ?? '', label: match[2] ?? '' };
}
