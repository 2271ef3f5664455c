import { describe, expect, it } from 'vitest';
import { isIpv6, isIssuableSsn, passesIbanMod97, passesLuhn } from './pii-checksums.js';

describe('passesLuhn', () => {
  it.each([
    ['4242424242424242', true],
    ['378282246310005', true],
    ['6011111111111117', true],
    ['79927398713', true],
    ['4242424242424241', false],
    ['1234567890123456', false],
    ['', false],
    ['4242x42424242424', false],
  ])('%s → %s', (digits, expected) => {
    expect(passesLuhn(digits)).toBe(expected);
  });
});

describe('passesIbanMod97', () => {
  it.each([
    ['DE89370400440532013000', true],
    ['GB82WEST12345698765432', true],
    ['gb82west12345698765432', true],
    ['NO9386011117947', true],
    ['DE88370400440532013000', false],
    ['GB82WEST12345698765433', false],
    ['DE8937040044', false],
    ['1289370400440532013000', false],
  ])('%s → %s', (iban, expected) => {
    expect(passesIbanMod97(iban)).toBe(expected);
  });
});

describe('isIssuableSsn', () => {
  it.each([
    [['123', '45', '6789'], true],
    [['000', '45', '6789'], false],
    [['666', '45', '6789'], false],
    [['900', '45', '6789'], false],
    [['123', '00', '6789'], false],
    [['123', '45', '0000'], false],
  ] as const)('%j → %s', ([a, g, s], expected) => {
    expect(isIssuableSsn(a, g, s)).toBe(expected);
  });
});

describe('isIpv6', () => {
  it.each([
    ['2001:db8::1', true],
    ['::', true],
    ['::1', true],
    ['1::', true],
    ['2001:0db8:85a3:0000:0000:8a2e:0370:7334', true],
    ['::ffff:192.0.2.1', true],
    ['1:2:3:4:5:6:192.0.2.1', true],
    ['1:2:3:4:5:6:7', false],
    ['1:2:3:4:5:6:7:8:9', false],
    ['1::2::3', false],
    ['12:30:45', false],
    ['00:1A:2B:3C:4D:5E', false],
    ['2001:db8::g', false],
    ['::ffff:999.0.2.1', false],
    ['1:2:3:4:5:6:7::8', false],
  ])('%s → %s', (candidate, expected) => {
    expect(isIpv6(candidate)).toBe(expected);
  });
});
