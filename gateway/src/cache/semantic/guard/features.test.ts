import { describe, expect, it } from 'vitest';
import { sameStem } from './mentions.js';
import { promptFeatures } from './prompt-features.js';
import { slotDifference } from './slot-difference.js';
import { wordStem } from './word-stem.js';

describe('promptFeatures: numbers', () => {
  it.each<[string, string[]]>([
    ['It costs 2,000 dollars', ['2000']],
    ['It costs 2k', ['2000']],
    ['two thousand people', ['2000']],
    ['twenty five years', ['25']],
    ['the 16th and the sixteenth', ['#16']],
    ['music of the 1960s', ['1960s']],
    ['Python 3.12', ['3.12']],
    ['World War II', ['2']],
    ['wait a second', []],
    ['$4.5 billion', ['4500000000']],
  ])('%j → %j', (text, numbers) => {
    expect([...promptFeatures(text).numbers].sort()).toEqual(numbers.sort());
  });
});

describe('promptFeatures: units', () => {
  it.each<[string, string[]]>([
    ['Convert 70 kg to pounds', ['kilogram', 'pound']],
    ['100g of rice', ['gram']],
    ['speed in km/s', ['kilometer', 'per second']],
    ['15% of 80', ['percent']],
    ['How much water should I drink a day?', ['per day']],
    ['What happened in 2014 in Berlin?', []],
    ['Is an MS in the US worth it?', []],
    ['Convert USD to EUR', ['dollar', 'euro']],
  ])('%j → %j', (text, units) => {
    expect([...promptFeatures(text).units].sort()).toEqual(units.sort());
  });
});

describe('promptFeatures: names, literals, negation', () => {
  it('finds names, joining adjacent words and keeping the last one', () => {
    expect(promptFeatures('Did Hillary Clinton visit new york or Paris?').entities.map((e) => e.name)).toEqual(['clinton', 'new_york', 'paris']);
  });

  it('ignores capitals in Title Case and at sentence starts', () => {
    expect(promptFeatures('What Is The Best Way To Learn Cooking?').entities).toEqual([]);
  });

  it('reads quotes without mistaking apostrophes for them', () => {
    expect([...promptFeatures(`Fix: 'She don't like it.' and "carpe diem"`).quotes].sort()).toEqual(['carpe diem', "she don't like it"]);
  });

  it('finds code identifiers of several shapes', () => {
    const ids = promptFeatures('Use os.path.join, useEffect, max_connections, std::vector::resize, --force and `x + 1`').identifiers;
    expect([...ids]).toEqual(expect.arrayContaining(['os.path.join', 'useeffect', 'max_connections', 'std::vector::resize', '--force', 'x + 1']));
  });

  it('does not count "why or why not" as a negation', () => {
    expect(promptFeatures('Is it worth it? Why or why not?').negations).toEqual([]);
    expect(promptFeatures("Why doesn't it work?").negations).toEqual(['not']);
  });
});

describe('word matching', () => {
  it.each<[string, string, boolean]>([
    ['canada', 'canadian', true],
    ['germany', 'german', true],
    ['postgres', 'postgresql', true],
    ['java', 'javascript', false],
    ['iran', 'iraq', false],
  ])('sameStem(%s, %s) = %s', (a, b, same) => {
    expect(sameStem(a, b)).toBe(same);
  });

  it('stems inflections together', () => {
    expect(wordStem('losing')).toBe(wordStem('lose'));
    expect(wordStem('apps')).toBe(wordStem('app'));
    expect(wordStem('theatre')).toBe(wordStem('theater'));
  });
});

describe('slotDifference', () => {
  const words = (s: string): string[] => s.toLowerCase().split(' ');

  it('finds one swapped word in a shared template', () => {
    expect(slotDifference(words('what is the boiling point of water'), words('what is the freezing point of water'))).toEqual({ onlyA: ['boiling'], onlyB: ['freezing'] });
  });

  it('ignores inflections and synonyms', () => {
    expect(slotDifference(words('what are the symptoms of flu'), words('what are the signs of flu'))).toBeUndefined();
  });

  it('gives up on rewrites: more than one changed span', () => {
    expect(slotDifference(words('how do airplanes stay up in the sky'), words('why do jets not fall out of the air'))).toBeUndefined();
  });
});
