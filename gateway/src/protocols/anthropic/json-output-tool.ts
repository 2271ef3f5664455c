/**
 * Anthropic has no JSON mode, so `response_format` json_object / json_schema is emulated
 * with one forced tool of this name (encode-request); its tool_use becomes plain text again
 * when the answer is decoded (decode-response, stream-decoder). Decoding keys on the name
 * alone, statelessly, so a response can be decoded without the request that produced it.
 */
export const JSON_OUTPUT_TOOL_NAME = '__gateway_json_output';
