/**
 * Function words: ignored when the guard looks for the content words around a preposition,
 * between two names, or in a substituted span. Some of them (not, more, first) carry meaning
 * that other rules check on their own.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a an the is are was were be been being am do does did doing done to of in on for with at by from about as into onto than
  and or but if so then because while i you he she it we they me him her us them my your his its our their mine yours
  this that these those what which who whom whose when where why how can could should would will shall may might must
  have has had having not no there here some any all each every more most other such own same too very just also
  get gets got getting make makes made go goes going way ways thing things one ones someone something anything
  up down out off over under again further once only both few many much lot lots really quite still even ever yet
  like need needs want wants know let please tell give show explain best good new use using used`
    .split(/\s+/)
    .filter((w) => w !== ''),
);

/** Words that may stand between two names in a symmetric list ("X and Y", "X vs Y", "between X, Y"). */
export const COORDINATORS: ReadonlySet<string> = new Set(['and', 'or', 'vs', 'versus', 'v', '&', ',', '/', 'the', 'a', 'an', 'with', 'between', 'compared', 'nor']);
