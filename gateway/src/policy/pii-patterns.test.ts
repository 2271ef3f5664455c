import { describe, expect, it } from 'vitest';
import type { PiiKind } from './pii-patterns.js';
import { redactText } from './pii-redactor.js';

/** Each detector alone (`kinds: [kind]`), so a negative is not hidden by another detector. */
function only(kind: PiiKind, text: string): string {
  return redactText(text, { kinds: [kind] }).text;
}

describe.each<[PiiKind, Array<[string, string]>, string[]]>([
  [
    'email',
    [
      ['mail john.doe@example.com now', 'mail [EMAIL] now'],
      ['<a.b+tag@mail.sub.example.co.uk>', '<[EMAIL]>'],
      ['end of sentence: x_y%z@ex-ample.org.', 'end of sentence: [EMAIL].'],
      ['two: a@b.io, c@d.io', 'two: [EMAIL], [EMAIL]'],
    ],
    ['user@localhost', '@handle on social', 'a@b', 'name@example.c0m', 'price 5@10 each'],
  ],
  [
    'phone',
    [
      ['call +1 (415) 555-2671 today', 'call [PHONE] today'],
      ['E.164 +14155552671.', 'E.164 [PHONE].'],
      ['UK +44 20 7946 0958', 'UK [PHONE]'],
      ['FR +33 1 23 45 67 89', 'FR [PHONE]'],
      ['US 415-555-2671, 415.555.2671, (415) 555-2671, 1 415 555 2671', 'US [PHONE], [PHONE], [PHONE], [PHONE]'],
      ['fake but phone-shaped 555-123-4567', 'fake but phone-shaped [PHONE]'],
      ['UK 020 7946 0958 or (020) 7946 0958 or 07700 900123', 'UK [PHONE] or [PHONE] or [PHONE]'],
      ['FR 01 23 45 67 89, DE 030 1234567', 'FR [PHONE], DE [PHONE]'],
    ],
    [
      'in 2024 and 1999',
      'order 12345678 and id 1234567890 and 4155552671',
      'date 2024-01-15 or 01.02.2024 or 15/01/2024',
      'short +1 2024',
      'version 1.2.3 and pi 3.14159 and 1,234,567',
      'an id 415-555-2671-77',
      'isbn 978-3-16-148410-0',
    ],
  ],
  [
    'card',
    [
      ['visa 4242 4242 4242 4242 ok', 'visa [CARD] ok'],
      ['mc 5555-5555-5555-4444', 'mc [CARD]'],
      ['plain 4111111111111111', 'plain [CARD]'],
      ['amex 3782 822463 10005', 'amex [CARD]'],
      ['mc2 2223003122003222', 'mc2 [CARD]'],
      ['prefixed order 12 4242 4242 4242 4242', 'prefixed order 12 [CARD]'],
      ['two 4242424242424242 and 6011111111111117', 'two [CARD] and [CARD]'],
    ],
    [
      'luhn fails 4242 4242 4242 4241',
      'luhn fails 4111111111111112 and 1234 5678 9012 3456',
      'mixed separators 4242-4242 4242-4242',
      'ms timestamp 1700000000007',
      'too short 424242424242 (12)',
      'too long 42424242424242424242 (20)',
      'inside an id ID4242424242424242 or 4242424242424242x',
    ],
  ],
  [
    'iban',
    [
      ['pay DE89 3704 0044 0532 0130 00 today', 'pay [IBAN] today'],
      ['GB82WEST12345698765432', '[IBAN]'],
      ['FR14 2004 1010 0505 0001 3M02 606 and NL91ABNA0417164300', '[IBAN] and [IBAN]'],
      ['DE89 3704 0044 0532 0130 00 IS MINE', '[IBAN] IS MINE'],
      ['CH93 0076 2011 6238 5295 7.', '[IBAN].'],
    ],
    [
      'bad check digits DE88 3704 0044 0532 0130 00',
      'bad checksum GB82 WEST 1234 5698 7654 33',
      'lower-case de89370400440532013000',
      'too short DE89 3704',
      'part of a word XDE89370400440532013000',
    ],
  ],
  [
    'ssn',
    [
      ['ssn 123-45-6789.', 'ssn [SSN].'],
      ['(078-05-1120)', '([SSN])'],
    ],
    ['000-12-3456', '666-12-3456', '900-12-3456 and 999-99-9999', '123-00-6789', '123-45-0000', '123-45-67890', '123456789', '1123-45-6789'],
  ],
  [
    'ip',
    [
      ['server 192.168.1.20 up', 'server [IP] up'],
      ['dns 8.8.8.8. Next', 'dns [IP]. Next'],
      ['v6 2001:db8::1 and fe80::1%eth0', 'v6 [IP] and [IP]%eth0'],
      ['full 2001:0db8:85a3:0000:0000:8a2e:0370:7334', 'full [IP]'],
      ['loopback ::1 and mapped ::ffff:192.0.2.1', 'loopback [IP] and mapped [IP]'],
      ['http://10.0.0.1:8080/x', 'http://[IP]:8080/x'],
    ],
    [
      'version 1.2.3 and v1.2.3.4 and 10.0.19041.1',
      'release 2.0.0.0-beta and 1.2.3.4.5',
      'octets 256.1.1.1',
      'time 12:30:45, mac 00:1A:2B:3C:4D:5E',
      'haskell f :: Int -> Int, c++ std::vector, ruby Foo::Bar',
      'ratio a:b:c',
    ],
  ],
  [
    'secret',
    [
      ['openai sk-proj-abcdefghijklmnopqrstuvwxyz0123', 'openai [SECRET]'],
      ['anthropic sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWx_yz-0123', 'anthropic [SECRET]'],
      ['aws AKIAIOSFODNN7EXAMPLE', 'aws [SECRET]'],
      ['gh ghp_abcdefghijklmnopqrstuvwxyz0123456789', 'gh [SECRET]'],
      ['gh github_pat_11ABCDEFG0123456789_abcdefghijklmnop', 'gh [SECRET]'],
      ['slack xoxb-1234567890-abcdefABCDEF', 'slack [SECRET]'],
      ['google AIzaSyA1234567890abcdefghijklmnopqrstuv', 'google [SECRET]'],
      ['stripe sk_live_abcdefghijklmnop1234', 'stripe [SECRET]'],
      ['jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U', 'jwt [SECRET]'],
      ['-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIB\nabc=\n-----END RSA PRIVATE KEY----- after', '[SECRET] after'],
      ['truncated -----BEGIN PRIVATE KEY-----\nMIIEvQIB', 'truncated [SECRET]'],
      ['Authorization: Bearer abcdefghijklmnop1234', 'Authorization: Bearer [SECRET]'],
      ['password: hunter22, api_key="abc123def456"', 'password: [SECRET], api_key="[SECRET]"'],
      ['{"client_secret": "s3cr3t-value"}', '{"client_secret": "[SECRET]"}'],
    ],
    [
      'sk-short and risk-assessment-for-the-quarterly-board-meeting',
      'ghp_tooshort and xoxb-12',
      'publishable pk_live_abcdefghijklmnop1234',
      'the password is required; tokens: 4096; token: 123',
      '-----BEGIN PUBLIC KEY-----\nMIIBIjAN',
      'eyJhbGciOiJIUzI1NiJ9 alone',
    ],
  ],
])('%s detector', (kind, positives, negatives) => {
  it.each(positives)('finds %j', (input, expected) => {
    expect(only(kind, input)).toBe(expected);
  });

  it.each(negatives)('leaves %j alone', (input) => {
    expect(only(kind, input)).toBe(input);
  });

  it('finds nothing again in its own output, in redact and mask mode', () => {
    for (const [input] of positives) {
      for (const mode of ['redact', 'mask'] as const) {
        const once = redactText(input, { mode }).text;
        expect(redactText(once, { mode })).toEqual({ text: once, findings: [], blocked: [] });
      }
    }
  });
});

describe('detector priority', () => {
  it.each([
    ['a key with digits stays one secret', 'sk-proj-415555267141555526714155', '[SECRET]'],
    ['an email on an IP domain is not an email', 'root@10.0.0.1', 'root@[IP]'],
    ['an IBAN is not also a card', 'DE89 3704 0044 0532 0130 00', '[IBAN]'],
    ['a card is not also a phone', '4242 4242 4242 4242', '[CARD]'],
  ])('%s', (_name, input, expected) => {
    expect(redactText(input).text).toBe(expected);
  });
});
