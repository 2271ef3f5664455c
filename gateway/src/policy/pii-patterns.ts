import { isIpv6, isIssuableSsn } from './pii-checksums.js';
import { findByRegex, findCards, findIbans, findInternationalPhones, type PiiSpan } from './pii-finders.js';
import { maskCard, maskEmail, maskIban, maskIpv4, maskIpv6, maskPhone, maskSecret, maskSsn } from './pii-masks.js';

/**
 * The PII detectors, in priority order: when two detectors claim overlapping text, the one
 * listed first wins (a key that embeds digits stays one secret, not a secret and a phone).
 * What each one matches and deliberately does not is listed in README.md.
 */

export const PII_KINDS = ['email', 'phone', 'card', 'iban', 'ssn', 'ip', 'secret'] as const;
export type PiiKind = (typeof PII_KINDS)[number];

export interface PiiDetector {
  kind: PiiKind;
  find(text: string): PiiSpan[];
  mask(value: string): string;
}

/**
 * Vendor key formats and secret-shaped assignments. Each is specific enough to need no
 * checksum. Lookbehinds are bounded (`\s{0,4}`, not `\s*`): an unbounded one is re-run
 * at every position of a long whitespace run, which is quadratic on hostile input.
 */
const SECRET_PATTERNS: readonly RegExp[] = [
  // PEM private keys, up to the END line or, when truncated, the end of the text.
  /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----[\s\S]*?(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----|$)/g,
  // OpenAI (sk-, sk-proj-, sk-svcacct-) and Anthropic (sk-ant-api03-…, sk-ant-admin01-…).
  /(?<![\w-])sk-[A-Za-z0-9_-]{20,}/g,
  // Stripe secret and restricted keys (publishable pk_ keys are public by design).
  /(?<![\w-])[sr]k_(?:live|test)_[A-Za-z0-9]{16,}/g,
  // AWS access key ids (long-term AKIA, temporary ASIA, and the rarer ABIA/ACCA).
  /(?<![A-Za-z0-9])(?:A[KS]IA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])/g,
  // GitHub classic (ghp_, gho_, ghu_, ghs_, ghr_) and fine-grained tokens.
  /(?<![\w-])gh[pousr]_[A-Za-z0-9]{36,}/g,
  /(?<![\w-])github_pat_[A-Za-z0-9_]{22,}/g,
  // Slack bot, user, app and refresh tokens.
  /(?<![\w-])xox[abposr]-[A-Za-z0-9-]{10,}/g,
  // Google API keys.
  /(?<![\w-])AIza[0-9A-Za-z_-]{35}/g,
  // JWT-like: base64url JSON header and payload (both start `{"` → `eyJ`), optional signature.
  /(?<![\w-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g,
  // The token after `Bearer` in a pasted header.
  /(?<=\bBearer\s{1,4})[A-Za-z0-9._~+/-]{16,}=*/g,
  // The value in `password: …`, `api_key=…`, `"client_secret": "…"` (the name stays readable);
  // not a placeholder this redactor wrote (`password: [SECRET]` must stay as it is).
  /(?<=\b(?:api[_-]?key|secret(?:[_-]?key)?|client[_-]?secret|password|passwd|pwd|access[_-]?token|auth[_-]?token|refresh[_-]?token|token|private[_-]?key)["']?\s{0,4}[:=]\s{0,4}["']?)(?!\[[A-Z]+\])[^\s"'`,;]{6,}/gi,
];

const EMAIL =
  /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.[A-Za-z]{2,63}(?![A-Za-z0-9-])/g;

/**
 * Phones need a shape, never just a digit count, so years, amounts and order ids stay:
 * - international: `+` and a country code, then digit groups (8-15 digits in all, E.164);
 * - North American: 3-3-4 digits joined by `-`, `.` or space, or `(415) 555-2671`, optional `1 `
 *   (any digits: 555-123-4567 is fake but is still written as a phone number);
 * - national trunk-0 formats (UK, FR, DE…): `0` and an area code, then 1-4 separated groups, 9-12 digits.
 */
// Each digit group is maximal (`\d+(?!\d)`): with optional separators, `\d{1,5}` groups
// could split a long digit run in thousands of ways before failing (a ReDoS on prompt text).
const PHONE_INTERNATIONAL = /(?<![\w+])\+[1-9]\d{0,2}(?:[ .-]?(?:\(\d{1,4}\)|\d+(?!\d))){1,6}(?!\w)/g;
const PHONE_NANP = /(?<![\w+]|\d[ .-])(?:1[ .-]?)?(?:\(\d{3}\) ?|\d{3}[ .-])\d{3}[ .-]\d{4}(?!\w|[ .-]\d)/g;
const PHONE_TRUNK = /(?<![\w+]|\d[ .-])(?:\(0\d{1,4}\) ?\d{2,8}(?:[ .-]\d{2,8}){0,3}|0\d{1,4}(?:[ .-]\d{2,8}){1,4})(?!\w|[ .-]\d)/g;

function digitCount(value: string): number {
  return value.replace(/\D/g, '').length;
}

const SSN = /(?<![\w-])(\d{3})-(\d{2})-(\d{4})(?![\w-])/g;

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
/** Not after a letter, dot or dash (`v1.2.3.4`, `1.2.3.4.5`), so version strings stay. */
const IPV4 = new RegExp(`(?<![\\w.-])(?:${OCTET}\\.){3}${OCTET}(?![\\w-]|\\.\\w)`, 'g');
/** Candidates with at least two colons; `isIpv6` decides. Times (12:30:45) and MACs fail it. */
const IPV6 =
  /(?<![\w:.])(?=[0-9A-Fa-f]{0,4}:[0-9A-Fa-f]{0,4}:)[0-9A-Fa-f:]{2,39}(?:(?<=:)(?:\d{1,3}\.){3}\d{1,3})?(?![\w:]|\.\w)/g;

export const PII_DETECTORS: readonly PiiDetector[] = [
  {
    kind: 'secret',
    find: (text) => SECRET_PATTERNS.flatMap((p) => findByRegex(text, p)),
    mask: maskSecret,
  },
  { kind: 'email', find: (text) => findByRegex(text, EMAIL), mask: maskEmail },
  { kind: 'iban', find: findIbans, mask: maskIban },
  { kind: 'card', find: findCards, mask: maskCard },
  {
    kind: 'ssn',
    find: (text) => findByRegex(text, SSN, (m) => isIssuableSsn(m[1] ?? '', m[2] ?? '', m[3] ?? '')),
    mask: maskSsn,
  },
  {
    kind: 'phone',
    find: (text) => [
      ...findInternationalPhones(text, PHONE_INTERNATIONAL),
      ...findByRegex(text, PHONE_NANP),
      ...findByRegex(text, PHONE_TRUNK, (m) => digitCount(m[0]) >= 9 && digitCount(m[0]) <= 12),
    ],
    mask: maskPhone,
  },
  {
    kind: 'ip',
    find: (text) => findByRegex(text, IPV6, (m) => /[0-9A-Fa-f]/.test(m[0]) && isIpv6(m[0])),
    mask: maskIpv6,
  },
  { kind: 'ip', find: (text) => findByRegex(text, IPV4), mask: maskIpv4 },
];
