/**
 * Spots the first SSE chunk that carries answer text (a non-empty `"content":"…"`), which is
 * what a user sees as the first token. The role-only opening delta has `"content":""` and
 * does not count. A match may straddle two TCP chunks, so a short tail is carried over.
 */
const CONTENT_TEXT = /"content"\s*:\s*"[^"]/;
const TAIL_CHARS = 24;

export class StreamProbe {
  private tail = '';

  /** True when this chunk completes the first content delta of the stream. */
  sawContent(chunk: Buffer): boolean {
    // latin1 is a byte-for-byte decode: cheapest, and the pattern is ASCII.
    const text = this.tail + chunk.toString('latin1');
    if (CONTENT_TEXT.test(text)) return true;
    this.tail = text.slice(-TAIL_CHARS);
    return false;
  }
}
