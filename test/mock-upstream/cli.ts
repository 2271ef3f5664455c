// Runs the mock upstream as a process for benchmarks and manual runs:
//   node test/dist/mock-upstream/cli.js --port 9100 [--host 127.0.0.1] [--require-key k] [--no-record] [--max-recorded n]
import { parseArgs } from 'node:util';
import { startMockUpstream } from './start-mock-upstream.js';

function integerOption(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`--${name} must be a non-negative integer, got '${value}'`);
  return parsed;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'require-key': { type: 'string' },
      'no-record': { type: 'boolean', default: false },
      'max-recorded': { type: 'string' },
    },
  });
  const mock = await startMockUpstream({
    port: integerOption('port', values.port, 9100),
    host: values.host ?? '127.0.0.1',
    requireKey: values['require-key'],
    record: !values['no-record'],
    maxRecorded: integerOption('max-recorded', values['max-recorded'], 1000),
  });
  console.log(`mock-upstream listening on ${mock.url}`);
  const stop = (): void => {
    mock.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(`mock-upstream: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
