/**
 * Names users often type in lower case ("capital of france", "learn python"), where
 * capitalisation cannot tell them from other words: countries, nationalities and languages,
 * large cities, and technology names. Not meant to be complete: capitalised words and
 * acronyms catch most other names; this list covers the lower-case habit for the most
 * asked-about ones. Multi-word names are joined with "_" (the extractor joins them too).
 */
const places = `
afghanistan albania algeria argentina armenia australia austria azerbaijan bangladesh belarus belgium bolivia bosnia brazil
bulgaria cambodia cameroon canada chile china colombia croatia cuba cyprus czechia denmark ecuador egypt england estonia
ethiopia finland france georgia germany ghana greece guatemala haiti honduras hungary iceland india indonesia iran iraq
ireland israel italy jamaica japan jordan kazakhstan kenya korea kuwait laos latvia lebanon libya lithuania luxembourg
madagascar malaysia mali malta mexico moldova mongolia morocco mozambique myanmar nepal netherlands holland nigeria norway
pakistan panama paraguay peru philippines poland portugal qatar romania russia rwanda scotland serbia singapore slovakia
slovenia somalia spain sudan sweden switzerland syria taiwan tanzania thailand tunisia turkey uganda ukraine uruguay
uzbekistan venezuela vietnam wales yemen zambia zimbabwe europe asia africa antarctica america
new_zealand south_africa south_korea north_korea saudi_arabia sri_lanka costa_rica puerto_rico
london paris berlin madrid rome milan tokyo osaka kyoto beijing shanghai delhi mumbai bangalore chennai kolkata karachi
dubai istanbul moscow sydney melbourne toronto vancouver montreal chicago boston seattle denver miami dallas houston
atlanta austin philadelphia phoenix detroit lagos cairo nairobi johannesburg amsterdam brussels vienna prague warsaw
budapest lisbon barcelona munich zurich geneva stockholm oslo copenhagen helsinki dublin edinburgh manchester athens
seoul bangkok singapore jakarta manila hanoi taipei lima bogota santiago
new_york los_angeles san_francisco las_vegas hong_kong mexico_city rio_de_janeiro sao_paulo buenos_aires washington_dc
`;

const peoplesAndLanguages = `
american british english french german spanish italian portuguese dutch russian chinese japanese korean indian hindi
arabic turkish greek swedish norwegian danish finnish irish scottish welsh canadian australian mexican brazilian
african european asian swiss austrian belgian egyptian israeli iranian pakistani bengali urdu tamil telugu punjabi
vietnamese thai indonesian filipino ukrainian czech hungarian romanian hebrew latin mandarin cantonese swahili persian
`;

const technology = `
python java javascript typescript kotlin scala rust golang ruby php perl swift haskell erlang elixir clojure lua matlab
fortran cobol dart julia bash powershell sql mysql postgresql postgres sqlite mongodb redis cassandra elasticsearch kafka
html css react angular vue svelte django flask rails laravel nextjs nodejs deno
docker kubernetes terraform ansible jenkins git github gitlab bitbucket npm yarn pip conda
linux ubuntu debian fedora centos windows macos mac ios android iphone ipad chrome firefox safari excel powerpoint osx k8s nyc
aws azure gcp heroku vercel netlify
google microsoft amazon apple facebook meta netflix tesla samsung intel nvidia amd ibm oracle openai anthropic twitter
instagram whatsapp youtube tiktok linkedin reddit quora spotify uber airbnb paypal bitcoin ethereum
`;

const words = (block: string): string[] => block.split(/\s+/).filter((w) => w !== '');

export const KNOWN_ENTITIES: ReadonlySet<string> = new Set([...words(places), ...words(peoplesAndLanguages), ...words(technology)]);

/** Multi-word names to join before matching ("new york" → new_york). */
export const MULTI_WORD_ENTITIES: readonly string[] = [...KNOWN_ENTITIES].filter((e) => e.includes('_'));

/**
 * Spellings of one name, mapped to one canonical form, so "US" matches "United States"
 * and "Postgres" matches "PostgreSQL". Canonical forms are what coverage checks compare.
 */
export const ENTITY_ALIASES: ReadonlyMap<string, string> = new Map([
  ['us', 'usa'], ['u.s.', 'usa'], ['u.s', 'usa'], ['united_states', 'usa'], ['america', 'usa'], ['american', 'usa'],
  ['uk', 'britain'], ['u.k.', 'britain'], ['united_kingdom', 'britain'], ['great_britain', 'britain'], ['british', 'britain'],
  ['nyc', 'new_york'], ['la', 'los_angeles'], ['sf', 'san_francisco'],
  ['postgres', 'postgresql'], ['golang', 'go'], ['js', 'javascript'], ['nodejs', 'node'],
  ['mac', 'macos'], ['osx', 'macos'], ['k8s', 'kubernetes'], ['gpg', 'gnupg'],
  ['holland', 'netherlands'], ['dutch', 'netherlands'],
  // Demonyms that do not share a long prefix with their country (see the guard's prefix match).
  ['french', 'france'], ['spanish', 'spain'], ['swiss', 'switzerland'], ['scottish', 'scotland'], ['irish', 'ireland'],
  ['danish', 'denmark'], ['swedish', 'sweden'], ['norwegian', 'norway'], ['finnish', 'finland'], ['polish', 'poland'],
  ['turkish', 'turkey'], ['thai', 'thailand'], ['filipino', 'philippines'], ['portuguese', 'portugal'],
  ['belgian', 'belgium'], ['welsh', 'wales'],
]);

/** Every multi-word name the tokenizer joins (entities and alias spellings such as united_states). */
export const JOINED_NAMES: ReadonlySet<string> = new Set([...MULTI_WORD_ENTITIES, ...[...ENTITY_ALIASES.keys()].filter((k) => k.includes('_'))]);
