// Prints the top self-time functions and modules of a V8 CPU profile:
//   node bench/dist/profile-summary.js <file.cpuprofile> [--top 25]
import { parseArgs } from 'node:util';
import { formatProfileSummary, summariseCpuProfile } from './lib/cpu-profile-summary.js';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '25' } } });
const file = positionals[0];
if (file === undefined) {
  console.error('usage: node bench/dist/profile-summary.js <file.cpuprofile> [--top 25]');
  process.exit(2);
}
console.log(formatProfileSummary(summariseCpuProfile(file, Number(values.top))));
