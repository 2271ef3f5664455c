import type { TargetName } from './bench-targets.js';
import type { LoadMode } from './load-protocol.js';

const MODEL = 'gpt-4o-mini';

/**
 * One small, realistic chat request. Every target gets the same bytes except the model:
 * the mock takes `gpt-4o-mini`, proxies take `openai/gpt-4o-mini` and strip the prefix.
 * `words` asks the mock for a longer answer (`+words=n`) to weigh streaming cost.
 */
export function chatBody(target: TargetName, mode: LoadMode, words: number | undefined): string {
  const model = `${target === 'direct' ? '' : 'openai/'}${MODEL}${words === undefined ? '' : `+words=${words}`}`;
  return JSON.stringify({
    model,
    messages: [
      { role: 'system', content: 'You are a terse assistant.' },
      { role: 'user', content: 'Benchmark request: say hello.' },
    ],
    max_tokens: 64,
    ...(mode === 'stream' ? { stream: true, stream_options: { include_usage: true } } : {}),
  });
}
