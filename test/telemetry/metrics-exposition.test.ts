import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { populatedMetrics } from './populated-metrics.js';
import { findPromtool, PROMTOOL_MISSING, runPromtool } from './promtool.js';

const promtool = findPromtool();
if (promtool === undefined) console.warn(`SKIPPING the promtool checks: ${PROMTOOL_MISSING}`);

describe('Prometheus exposition', () => {
  it.skipIf(promtool === undefined)('passes promtool check metrics (format and naming lint)', async () => {
    const text = await populatedMetrics().metricsText();
    const result = runPromtool(promtool as string, ['check', 'metrics'], text);
    expect(result.output).toBe('');
    expect(result.status).toBe(0);
  });

  it('names every gateway metric with the llm_gateway_ prefix and a unit or _total suffix', async () => {
    const families = [...(await populatedMetrics().metricsText()).matchAll(/^# TYPE (\S+) (\S+)$/gm)].map(([, name, type]) => ({ name: name ?? '', type: type ?? '' }));
    const own = families.filter((f) => f.name.startsWith('llm_gateway_'));
    expect(own.length).toBeGreaterThanOrEqual(20);
    for (const { name, type } of own) {
      if (type === 'counter') expect(name).toMatch(/_total$/);
      else expect(name).not.toMatch(/_total$/);
      if (type === 'histogram') expect(name).toMatch(/_seconds$/);
    }
  });

  it('is documented: the README table lists exactly the gateway metrics', async () => {
    const readme = readFileSync(new URL('../../gateway/src/telemetry/README.md', import.meta.url), 'utf8');
    const documented = [...readme.matchAll(/^\| `(llm_gateway_\w+)` \|/gm)].map((m) => m[1]).sort();
    const exposed = [...(await populatedMetrics().metricsText()).matchAll(/^# TYPE (llm_gateway_\w+) /gm)].map((m) => m[1]).sort();
    expect(documented).toEqual(exposed);
  });
});
