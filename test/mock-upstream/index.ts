// Mock OpenAI + Anthropic upstream for gateway tests and benchmarks. See README.md.
export { startMockUpstream } from './start-mock-upstream.js';
export type { MockUpstream, MockUpstreamOptions, RecordedRequest } from './types.js';
