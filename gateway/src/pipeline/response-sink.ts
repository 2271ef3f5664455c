/**
 * What the pipeline writes a response to. The HTTP layer implements it over a Node response;
 * the pipeline never sees the web framework.
 */
export interface ResponseSink {
  /** True when the client went away before the response was finished. */
  readonly closed: boolean;
  /** True once status and headers were sent: from then on errors travel inside the stream. */
  readonly started: boolean;
  /** `headers` must be a fresh object: the sink adds its own (content type, length) to it. */
  json(status: number, headers: Record<string, string>, body: string): void;
  startStream(headers: Record<string, string>): void;
  /** Resolves when the text is handed to the socket (waits out back-pressure). */
  write(text: string): Promise<void>;
  end(): void;
}
