// Mock OpenAI + Anthropic upstream for gateway tests and benchmarks. See README.md.
export { startMockUpstream } from './start-mock-upstream.js';
export type { MockUpstream, MockUpstreamOptions, RecordedRequest } from './types.js';
// Raw SSE reading for e2e tests that assert a stream without an SDK.
export { parseSseText, SseReader } from './sse-reader.js';
export type { SseEvent, SseRead } from './sse-reader.js';
