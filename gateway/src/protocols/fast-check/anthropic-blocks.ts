import { isNonEmptyString, isObj, isStringOrArrayOf, isUnknownRecord, optBool, optString } from './guards.js';

/**
 * Hand-written mirror of the content blocks of anthropic/request-schema.ts. A block of a
 * type the schema does not know is valid as any `{type: string}` object (its union's last
 * option); a block of a known type must pass that type's own schema (its `superRefine`).
 */

/** `cacheControlSchema`: `{type: string}` (loose), null or absent. */
function isCacheControl(value: unknown): boolean {
  return value === undefined || value === null || (isObj(value) && typeof value['type'] === 'string');
}

/** `anthropicTextBlockSchema`; also the only block `system` accepts. */
export function isAnthropicTextBlock(block: unknown): boolean {
  return isObj(block) && block['type'] === 'text' && typeof block['text'] === 'string' && isCacheControl(block['cache_control']);
}

/** `imageBlockSchema` after its `type` was matched: a base64, url or file source. */
function isImageBlock(block: Record<string, unknown>): boolean {
  const source = block['source'];
  if (!isObj(source) || !isCacheControl(block['cache_control'])) return false;
  switch (source['type']) {
    case 'base64':
      return isNonEmptyString(source['media_type']) && typeof source['data'] === 'string';
    case 'url':
      return isNonEmptyString(source['url']);
    case 'file':
      return isNonEmptyString(source['file_id']);
    default:
      return false;
  }
}

/** `documentBlockSchema` after its `type` was matched (it declares no cache_control). */
function isDocumentBlock(block: Record<string, unknown>): boolean {
  const source = block['source'];
  return isObj(source) && typeof source['type'] === 'string';
}

/** `toolResultContentBlockSchema`: known types here are only text, image and document. */
function isToolResultContentBlock(block: unknown): boolean {
  if (!isObj(block)) return false;
  const type = block['type'];
  if (typeof type !== 'string') return false;
  switch (type) {
    case 'text':
      return isAnthropicTextBlock(block);
    case 'image':
      return isImageBlock(block);
    case 'document':
      return isDocumentBlock(block);
    default:
      return true;
  }
}

function isToolResultBlock(block: Record<string, unknown>): boolean {
  if (!isNonEmptyString(block['tool_use_id']) || !optBool(block['is_error']) || !isCacheControl(block['cache_control'])) return false;
  // `.optional()`: a tool that returned nothing; null is rejected.
  const content = block['content'];
  return content === undefined || isStringOrArrayOf(content, isToolResultContentBlock);
}

/**
 * `contentBlockSchema`: one block of a message's content array. Its known types are those of
 * a tool result's content (text, image, document, and unknown ones kept) plus four more.
 */
export function isAnthropicContentBlock(block: unknown): boolean {
  if (!isObj(block)) return false;
  switch (block['type']) {
    case 'tool_use':
      return (
        isNonEmptyString(block['id']) &&
        isNonEmptyString(block['name']) &&
        isUnknownRecord(block['input']) &&
        isCacheControl(block['cache_control'])
      );
    case 'tool_result':
      return isToolResultBlock(block);
    case 'thinking':
      return typeof block['thinking'] === 'string' && optString(block['signature']);
    case 'redacted_thinking':
      return typeof block['data'] === 'string';
    default:
      return isToolResultContentBlock(block);
  }
}
