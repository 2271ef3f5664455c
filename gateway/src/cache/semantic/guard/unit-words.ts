/**
 * Units and currencies, mapped to one canonical name so "kg" matches "kilograms". Asking
 * for a value in another unit asks for another answer ("in miles" vs "in kilometers"),
 * even when the embedding barely moves.
 *
 * `UNIT_WORDS` count anywhere; `UNIT_ABBREVIATIONS` are ordinary words or letters too
 * ("m", "in", "bar", "l") and count only glued to a number ("5m", "100g").
 */
const units: Record<string, readonly string[]> = {
  gram: ['gram', 'grams', 'gramme', 'grammes'],
  kilogram: ['kilogram', 'kilograms', 'kilo', 'kilos', 'kg', 'kgs'],
  milligram: ['milligram', 'milligrams', 'mg'],
  pound: ['pound', 'pounds', 'lb', 'lbs', '£', 'gbp', 'quid', 'sterling'],
  ounce: ['ounce', 'ounces', 'oz'],
  stone: ['stone', 'stones'],
  ton: ['ton', 'tons', 'tonne', 'tonnes'],
  liter: ['liter', 'liters', 'litre', 'litres'],
  milliliter: ['milliliter', 'milliliters', 'millilitre', 'millilitres', 'ml'],
  gallon: ['gallon', 'gallons'],
  cup: ['cup', 'cups'],
  teaspoon: ['teaspoon', 'teaspoons', 'tsp'],
  tablespoon: ['tablespoon', 'tablespoons', 'tbsp'],
  kilometer: ['kilometer', 'kilometers', 'kilometre', 'kilometres', 'km', 'kms'],
  mile: ['mile', 'miles'],
  meter: ['meter', 'meters', 'metre', 'metres'],
  centimeter: ['centimeter', 'centimeters', 'centimetre', 'centimetres', 'cm'],
  millimeter: ['millimeter', 'millimeters', 'millimetre', 'millimetres', 'mm'],
  inch: ['inch', 'inches'],
  foot: ['foot', 'feet', 'ft'],
  yard: ['yard', 'yards'],
  acre: ['acre', 'acres'],
  hectare: ['hectare', 'hectares'],
  celsius: ['celsius', 'centigrade', '°c'],
  fahrenheit: ['fahrenheit', '°f'],
  kelvin: ['kelvin'],
  percent: ['percent', 'percentage', '%'],
  dollar: ['dollar', 'dollars', 'usd', '$'],
  euro: ['euro', 'euros', 'eur', '€'],
  yen: ['yen', 'jpy', '¥'],
  rupee: ['rupee', 'rupees', 'inr', 'rs', '₹'],
  aud: ['aud'],
  cad: ['cad'],
  bitcoin: ['bitcoin', 'bitcoins', 'btc'],
  millisecond: ['millisecond', 'milliseconds', 'ms'],
  microsecond: ['microsecond', 'microseconds'],
  nanosecond: ['nanosecond', 'nanoseconds', 'ns'],
  byte: ['byte', 'bytes'],
  kilobyte: ['kilobyte', 'kilobytes', 'kb'],
  megabyte: ['megabyte', 'megabytes', 'mb'],
  gigabyte: ['gigabyte', 'gigabytes', 'gb'],
  terabyte: ['terabyte', 'terabytes', 'tb'],
  megabit: ['megabit', 'megabits', 'mbps'],
  watt: ['watt', 'watts'],
  kilowatt: ['kilowatt', 'kilowatts', 'kw'],
  kilowatt_hour: ['kwh'],
  psi: ['psi'],
  mph: ['mph'],
  calorie: ['calorie', 'calories', 'kcal'],
  joule: ['joule', 'joules'],
};

const abbreviations: Record<string, readonly string[]> = {
  gram: ['g'],
  liter: ['l'],
  inch: ['in'],
  watt: ['w'],
  bar: ['bar'],
  mile: ['mi'],
  hour: ['h', 'hr', 'hrs'],
  second: ['sec', 'secs'],
  minute: ['min', 'mins'],
  cal: ['cal'],
};

function invert(table: Record<string, readonly string[]>): ReadonlyMap<string, string> {
  const map = new Map<string, string>();
  for (const [canonical, spellings] of Object.entries(table)) for (const s of spellings) map.set(s, canonical);
  return map;
}

export const UNIT_WORDS = invert(units);
export const UNIT_ABBREVIATIONS = invert(abbreviations);

/**
 * Rates: "per night" and "per week" ask for different numbers. "per <time or unit>" is a rate,
 * and so is a time word after "a" / "each" at the end of a clause ("drink a day?"), not
 * elsewhere ("a day off"). Other "per X" ("per user", "per pair") vary too much in wording.
 */
export const TIME_PERIODS: ReadonlySet<string> = new Set(['second', 'minute', 'hour', 'day', 'night', 'week', 'month', 'year']);
