import type { TextRedactor } from './pii-redactor.js';

/**
 * Redacts PII inside JSON text (tool-call arguments) and keeps it valid JSON.
 *
 * Redacting the raw text would be wrong twice: a match can swallow half an escape
 * (`"\nbob@x.io"` → `"\[EMAIL]"`, invalid JSON) and a value written with escapes
 * (`bob\u0040x.io`) would slip through. So each string value is decoded, redacted and,
 * only if something changed, written back with JSON.stringify. Everything else (spacing,
 * key order, numbers, untouched strings) stays byte for byte as the model wrote it.
 *
 * Object keys are left alone (they are schema names; rewriting them could merge keys), and
 * so are number tokens (a card number as a JSON number cannot be replaced by text without
 * changing its type). Text that is not valid JSON (a truncated call) is redacted as plain
 * text: there is no validity to keep.
 */

/** A JSON string literal; in valid JSON no `"` occurs outside one, so a scan stays aligned. */
const STRING_LITERAL = /"(?:[^"\\]|\\.)*"/g;
const KEY_FOLLOWS = /\s*:/y;

export function redactJsonText(text: string, redactor: TextRedactor): string {
  if (!isJson(text)) return redactor.redact(text);
  return text.replace(STRING_LITERAL, (literal, offset: number) => {
    if (isKey(text, offset + literal.length)) return literal;
    const decoded = JSON.parse(literal) as string;
    const redacted = redactor.redact(decoded);
    return redacted === decoded ? literal : JSON.stringify(redacted);
  });
}

function isKey(text: string, after: number): boolean {
  const re = new RegExp(KEY_FOLLOWS);
  re.lastIndex = after;
  return re.test(text);
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
