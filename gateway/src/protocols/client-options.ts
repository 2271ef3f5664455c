/** OpenAI `stream_options.include_usage`: the client wants the final usage chunk. */
export function wantsStreamUsage(body: Readonly<Record<string, unknown>>): boolean {
  const options = body.stream_options;
  return typeof options === 'object' && options !== null && (options as Record<string, unknown>).include_usage === true;
}

/** Client headers that belong to the Anthropic protocol and travel with same-protocol traffic. */
export const ANTHROPIC_PASS_HEADERS = ['anthropic-version', 'anthropic-beta'] as const;
