import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DASHBOARDS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../dashboards');

export interface Dashboard {
  file: string;
  json: DashboardJson;
}

export interface DatasourceRef {
  type?: string;
  uid?: string;
}

export interface PanelJson {
  id?: number;
  type?: string;
  title?: string;
  datasource?: DatasourceRef;
  gridPos?: { h: number; w: number; x: number; y: number };
  targets?: Array<{ refId?: string; expr?: string; rawSql?: string; legendFormat?: string; datasource?: DatasourceRef }>;
  panels?: PanelJson[];
}

export interface VariableJson {
  name?: string;
  type?: string;
  query?: string | { query?: string };
  current?: { value?: unknown };
  datasource?: DatasourceRef;
}

export interface DashboardJson {
  uid?: string;
  title?: string;
  panels?: PanelJson[];
  templating?: { list?: VariableJson[] };
}

/** A query found in a dashboard, with where it came from for the failure message. */
export interface DashboardQuery {
  where: string;
  language: 'promql' | 'sql';
  text: string;
  legendFormat?: string;
}

export function loadDashboards(): Dashboard[] {
  const dir = join(DASHBOARDS_DIR, 'grafana/dashboards');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((file) => ({ file, json: JSON.parse(readFileSync(join(dir, file), 'utf8')) as DashboardJson }));
}

/** Panels, rows' nested panels included. */
export function allPanels(dashboard: DashboardJson): PanelJson[] {
  return (dashboard.panels ?? []).flatMap((p) => [p, ...(p.panels ?? [])]);
}

/** Every query a dashboard runs: panel targets and query variables, by the data source type they go to. */
export function dashboardQueries(dashboard: Dashboard): DashboardQuery[] {
  const out: DashboardQuery[] = [];
  for (const panel of allPanels(dashboard.json)) {
    for (const target of panel.targets ?? []) {
      const where = `${dashboard.file} › ${panel.title ?? '?'} › ${target.refId ?? '?'}`;
      if (target.expr !== undefined) out.push({ where, language: 'promql', text: target.expr, ...(target.legendFormat === undefined ? {} : { legendFormat: target.legendFormat }) });
      if (target.rawSql !== undefined) out.push({ where, language: 'sql', text: target.rawSql });
    }
  }
  for (const variable of dashboard.json.templating?.list ?? []) {
    if (variable.type !== 'query') continue;
    const text = typeof variable.query === 'string' ? variable.query : (variable.query?.query ?? '');
    const language = variable.datasource?.type === 'grafana-clickhouse-datasource' ? 'sql' : 'promql';
    out.push({ where: `${dashboard.file} › variable ${variable.name ?? '?'}`, language, text });
  }
  return out;
}
