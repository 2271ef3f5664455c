import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from 'chdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { CLICKHOUSE_SCHEMA } from './clickhouse-schema-fixture.js';
import { expandClickHouseMacros, referencedTables } from './clickhouse-macros.js';
import { allPanels, DASHBOARDS_DIR, dashboardQueries, loadDashboards, type DashboardQuery } from './grafana-dashboards.js';
import { populatedMetrics } from './populated-metrics.js';
import { findPromtool, PROMTOOL_MISSING, runPromtool } from './promtool.js';
import { groupingLabels, labelValuesQuery, metricSelectors, substituteGrafanaVariables } from './promql-selectors.js';
import { applyFixtureSchema, applyRecorderMigrations, describeTables, migrationsExist, type TableColumns } from './recorder-schema.js';

/** Labels Prometheus adds to every scraped series. */
const TARGET_LABELS = ['instance', 'job'];

const dashboards = loadDashboards();
const queries = dashboards.flatMap(dashboardQueries);
const promql = queries.filter((q) => q.language === 'promql');
const sql = queries.filter((q) => q.language === 'sql');

/** sample name (histograms: _bucket/_sum/_count) → label names seen on it, from a populated exposition. */
let exposed: Map<string, Set<string>>;

beforeAll(async () => {
  exposed = new Map();
  for (const line of (await populatedMetrics().metricsText()).split('\n')) {
    const sample = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s/.exec(line);
    if (sample === null) continue;
    const labels = exposed.get(sample[1] ?? '') ?? new Set<string>();
    for (const m of (sample[2] ?? '').matchAll(/([a-zA-Z_]\w*)="/g)) labels.add(m[1] ?? '');
    exposed.set(sample[1] ?? '', labels);
  }
});

describe('dashboard files', () => {
  it('has both dashboards, each valid JSON with a unique uid and unique panel ids', () => {
    expect(dashboards.map((d) => d.file).sort()).toEqual(['gateway-clickhouse.json', 'gateway-prometheus.json']);
    expect(new Set(dashboards.map((d) => d.json.uid)).size).toBe(dashboards.length);
    for (const { file, json } of dashboards) {
      const panels = allPanels(json);
      const ids = panels.map((p) => p.id);
      expect(new Set(ids).size, `${file}: duplicate panel ids`).toBe(ids.length);
      for (const panel of panels) {
        const grid = panel.gridPos;
        expect(grid !== undefined && grid.x + grid.w <= 24, `${file} › ${panel.title}: gridPos`).toBe(true);
        if (panel.type !== 'row') expect(panel.targets?.length ?? 0, `${file} › ${panel.title}: no query`).toBeGreaterThan(0);
      }
    }
  });

  it('has provisioning files whose data source uids the dashboards default to', () => {
    const datasources = parseYaml(readFileSync(join(DASHBOARDS_DIR, 'grafana/provisioning/datasources/datasources.yaml'), 'utf8')) as {
      apiVersion: number;
      datasources: Array<{ uid: string; type: string }>;
    };
    const providers = parseYaml(readFileSync(join(DASHBOARDS_DIR, 'grafana/provisioning/dashboards/dashboards.yaml'), 'utf8')) as {
      apiVersion: number;
      providers: Array<{ type: string; options: { path: string } }>;
    };
    expect(datasources.apiVersion).toBe(1);
    expect(providers.apiVersion).toBe(1);
    expect(providers.providers[0]?.type).toBe('file');
    expect(datasources.datasources.map((d) => d.type).sort()).toEqual(['grafana-clickhouse-datasource', 'prometheus']);
    const uids = new Set(datasources.datasources.map((d) => d.uid));
    for (const { file, json } of dashboards) {
      const variable = json.templating?.list?.find((v) => v.type === 'datasource');
      expect(uids.has(String(variable?.current?.value)), `${file}: datasource variable default`).toBe(true);
    }
  });
});

describe('PromQL in the Prometheus dashboard', () => {
  it('finds queries to check', () => {
    expect(promql.length).toBeGreaterThan(30);
  });

  it('names only metrics the gateway exposes, with labels they carry', () => {
    const problems: string[] = [];
    for (const query of promql) problems.push(...checkPromql(query));
    expect(problems).toEqual([]);
  });

  const promtool = findPromtool();
  it.skipIf(promtool === undefined)(`parses with promtool check rules${promtool === undefined ? ` (${PROMTOOL_MISSING})` : ''}`, () => {
    // promtool has no offline "check this expression": wrap each one in a recording rule.
    const exprs = promql.filter((q) => labelValuesQuery(q.text) === undefined);
    const rules = exprs.map((q, i) => `      - record: dashboard:query_${i}\n        expr: ${JSON.stringify(substituteGrafanaVariables(q.text))}`).join('\n');
    const dir = mkdtempSync(join(tmpdir(), 'dashboard-rules-'));
    try {
      const file = join(dir, 'rules.yaml');
      writeFileSync(file, `groups:\n  - name: dashboard\n    rules:\n${rules}\n`);
      const result = runPromtool(promtool as string, ['check', 'rules', file]);
      expect(result.status, result.output).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('SQL in the ClickHouse dashboard', () => {
  let session: Session;
  /** The schema the queries run against: the recorder's migrations, or the fixture without them. */
  let schema: TableColumns;

  beforeAll(async () => {
    session = new Session();
    if (migrationsExist()) await applyRecorderMigrations(session);
    else applyFixtureSchema(session);
    schema = describeTables(session);
  });

  afterAll(() => session.close());

  it('finds queries to check', () => {
    expect(sql.length).toBeGreaterThan(8);
  });

  it(`reads only tables of the recorder schema (${migrationsExist() ? 'recorder migrations' : 'fixture: no recorder migrations yet'})`, () => {
    expect(Object.keys(schema).sort()).toEqual(['attempts', 'requests']);
    for (const query of sql) {
      const tables = referencedTables(query.text);
      expect(tables.length, query.where).toBeGreaterThan(0);
      for (const table of tables) expect(Object.keys(schema), `${query.where}: table ${table}`).toContain(table);
    }
  });

  it('resolves every column and function in ClickHouse (chdb EXPLAIN)', () => {
    const problems: string[] = [];
    for (const query of sql) {
      try {
        session.query(`EXPLAIN ${expandClickHouseMacros(query.text)}`, 'TSV');
      } catch (error) {
        problems.push(`${query.where}: ${String(error).slice(0, 300)}`);
      }
    }
    expect(problems).toEqual([]);
  });

  // The fixture stands in for the migrations in a checkout without the recorder; wherever both
  // exist it must agree with them (see clickhouse-schema-fixture.ts).
  it.skipIf(!migrationsExist())('has a fixture that matches the recorder migrations', () => {
    const missing: string[] = [];
    for (const [table, columns] of Object.entries(CLICKHOUSE_SCHEMA)) {
      for (const column of Object.keys(columns)) if (schema[table]?.[column] === undefined) missing.push(`${table}.${column}`);
    }
    expect(missing, 'fixture columns the migrations do not create: update clickhouse-schema-fixture.ts').toEqual([]);
  });
});

function checkPromql(query: DashboardQuery): string[] {
  const problems: string[] = [];
  const variable = labelValuesQuery(query.text);
  if (variable !== undefined) {
    const labels = exposed.get(variable.name);
    if (labels === undefined) problems.push(`${query.where}: no metric ${variable.name}`);
    else if (!labels.has(variable.label)) problems.push(`${query.where}: ${variable.name} has no label ${variable.label}`);
    return problems;
  }
  const selectors = metricSelectors(query.text);
  if (selectors.length === 0) problems.push(`${query.where}: no metric found in ${query.text}`);
  const available = new Set(TARGET_LABELS);
  for (const { name, labels } of selectors) {
    const known = exposed.get(name);
    if (known === undefined) {
      problems.push(`${query.where}: no metric ${name}`);
      continue;
    }
    for (const label of known) available.add(label);
    for (const label of labels) if (!known.has(label) && !TARGET_LABELS.includes(label)) problems.push(`${query.where}: ${name} has no label ${label}`);
  }
  for (const label of groupingLabels(query.text)) if (!available.has(label)) problems.push(`${query.where}: grouping by unknown label ${label}`);
  for (const [, label] of (query.legendFormat ?? '').matchAll(/\{\{\s*(\w+)\s*\}\}/g)) {
    if (!available.has(label ?? '')) problems.push(`${query.where}: legend uses unknown label ${label}`);
  }
  return problems;
}
