// Identity of one mock response, shared by the JSON and stream encoders.

export interface ResponseMeta {
  /** `chatcmpl-mock-<n>` / `msg_mock_<n>`. */
  readonly id: string;
  /** Unix seconds (OpenAI's `created`). */
  readonly created: number;
  /** The model name reported back: the model string before any `+directive`. */
  readonly model: string;
  /** `call_mock_<n>` / `toolu_mock_<n>`; only used when the answer is a tool call. */
  readonly toolCallId: string;
}
