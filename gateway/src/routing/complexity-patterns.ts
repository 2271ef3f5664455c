/**
 * The vocabulary of the complexity classifier. Kept apart from the extraction code so the
 * word lists can be reviewed (and diffed) on their own; docs/complexity-classifier.md lists
 * why each group exists.
 *
 * Patterns used with `.test()` have no `g` flag on purpose: a global regex keeps `lastIndex`
 * between calls and would make the classifier stateful. Counted patterns have `g` and are
 * only used with `String.match`, which ignores and resets `lastIndex`.
 * Cue patterns run on lower-cased text.
 */

/** End of a sentence: ., ! or ? followed by whitespace or the end. */
export const SENTENCE_END = /[.!?]+(?=\s|$)/g;

/** Words that add a requirement the answer has to satisfy. Counted, not deduplicated. */
export const CONSTRAINT =
  /\b(?:must|should|shall|needs? to|ha(?:s|ve) to|at (?:least|most)|no (?:more|less|later) than|fewer than|more than|under \d|within|without|exactly|only|never|always|ensure|make sure|don't|do not|required?|requirements?|constraints?|budget|deadline|limit(?:ed|s)?)\b/g;

/** Numbered, lettered or bulleted lines. */
export const LIST_ITEM = /^[ \t]*(?:\d{1,2}[.)]|[-*•]|[a-h][.)])[ \t]+\S/gm;

/**
 * A line that reads as code: starts with a keyword (lower-case, so prose sentences that
 * start with "If" or "For" do not count; SQL keywords upper-case) or ends like a statement.
 * Two anchored patterns tested on a trimmed line, not one `^...$` regex: overlapping
 * `[ \t]*` and `.*` in one pattern backtrack quadratically on a long line of spaces.
 */
export const CODE_LINE_START =
  /^(?:(?:def|class|function|return|import|from|const|let|var|if|elif|else|for|while|func|fn|pub|public|private|static|void|async|await|try|except|catch|package|interface|struct|impl)\b|#include\b|(?:SELECT|INSERT|UPDATE|DELETE|FROM|JOIN|WHERE|GROUP BY|ORDER BY)\b)/;
export const CODE_LINE_END = /(?:[;{}]|=>|:=)$/;

/** Python tracebacks, JS/Java stack frames, Go panics, `FooError:` / `FooException:` lines. */
export const STACK_TRACE =
  /Traceback \(most recent call last\)|^[ \t]+at [\w$.<>]+ ?\(?[^\n]*:\d+(?::\d+)?\)?$|Exception in thread|^panic: |goroutine \d+ \[|\b[A-Z]\w*(?:Error|Exception): /m;

/** Operators and notation that mostly appear in mathematics (code is stripped first). */
export const MATH_SYMBOL = /[=<>≤≥≠≈±∑∏∫√∞∂πθλσμ∀∃∈⁻¹ᵀ²³×÷^]/g;
export const MATH_FUNCTION = /\b(?:sin|cos|tan|log|ln|exp|lim|sqrt|mod|gcd|lcm)\b/g;
export const MATH_WORD =
  /\b(?:integral|derivative|gradient|matri(?:x|ces)|eigen\w*|probabilit(?:y|ies)|expected (?:value|number)|recurrence|variance|converge\w*|integers?|primes?|irrational|equations?|polynomials?|divides|modulo|induction|asymptotic)\b/g;

/** Asking for a proof is the strongest single sign that a small model will fail. */
export const PROOF_CUE = /\b(?:prove|proof|show that|rigorous(?:ly)?|theorem|lemma)\b/;

/** Short greetings and acknowledgements (only counted when the message is short). */
export const GREETING = /^(?:hi|hello|hey|yo|thanks|thank you|thx|good (?:morning|afternoon|evening)|bye|ok|okay|cool|great)\b/;

/**
 * Reasoning cue groups. The feature is the number of distinct groups that match, so a
 * prompt that says "analyze" five times counts once, and one that asks to analyze, compare
 * and weigh risks counts three times.
 */
export const REASONING_CUES: readonly RegExp[] = [
  /\banaly[sz](?:e|es|is|ing)\b/,
  /\bcompar(?:e|es|ing|ison)\b|\bcontrast\b/,
  /\bdesign(?:ing)?\b|\barchitect/,
  /\btrade-?offs?\b|\bpros and cons\b/,
  /\bstep[- ]by[- ]step\b|\bwalk (?:me )?through\b|\bshow (?:your|the) (?:reasoning|work)\b/,
  /\bexplain (?:why|how come|precisely)\b|\bwhy (?:does|doesn't|do|don't|is|isn't|would|wouldn't|can't|did)\b/,
  /\bderiv(?:e|ation)\b|\bformulate\b|\bgeneraliz/,
  /\boptimi[sz](?:e|ation|ing)\b|\bbottleneck/,
  /\bevaluat(?:e|ion)\b|\bcritiqu|\bcritically\b|\bassess/,
  /\bdiagnos|\broot cause\b|\binvestigat|\bdebug/,
  /\bjustif(?:y|ication)\b|\breasoning\b|\bconvinc/,
  /\brecommend|\bdecide\b|\bdecision\b|\bweigh\b|\bprioriti[sz]/,
  /\bstrateg(?:y|ies)\b|\broadmap\b|\bmilestones?\b|\bcritical path\b|\bphases?\b|\bsequenc(?:e|ing)\b/,
  /\bscal(?:e|able|ability|ing)\b|\bthroughput\b|\blatency\b|\bp9\d\b|\bper second\b|\b\d+[km]?\s*(?:writes|reads|requests|rps|qps)\b/,
  /\bconcurren(?:t|cy)\b|\brace condition\b|\bdeadlock|\bthread-safe\b|\block-free\b|\bmemory (?:order|model)/,
  /\bconsisten(?:t|cy)\b|\bidempoten|\bexactly once\b|\bfault[- ]toleran|\bfailure (?:modes?|scenarios?)\b|\bfailover\b|\bcrash/,
  /\bedge cases?\b|\bcounterexample|\bcounterfactual|\bconfound/,
  /\brisks?\b|\bthreats?\b|\bvulnerab|\battack/,
  /\bmigrat(?:e|ion)\b|\brefactor/,
  /\bimplications?\b|\bsecond-order\b|\bconsequences?\b|\binteract/,
  /\bworst[- ]case\b|\blower bound\b|\bcomplexity\b|\bundecidab/,
  /\bassumptions?\b|\bunder what conditions\b|\bsensitivity\b|\bscenarios?\b/,
];

/** Simple-task cue groups: lookups, rewrites, format changes, classification, small talk. */
export const SIMPLE_CUES: readonly RegExp[] = [
  /\btranslat(?:e|ion)\b|\bhow do (?:you|i) say\b|\bwords? for\b/,
  // Singular only: "what are the causes of ..." asks for an explanation, "what is X" for a fact.
  /^(?:what|who|when|where|which)(?:'s| is| was| did)\b/,
  /\bdefin(?:e|ition)\b|\bmeaning of\b|\bstand for\b|\babbreviation\b/,
  /\b(?:capital|currency|population|author|inventor) of\b|\bwho (?:wrote|painted|invented|discovered)\b/,
  /\bspell(?:ing|ed)?\b|\btypos?\b|\bgrammar\b|\bproofread/,
  /\bconvert\b|\breformat\b|\bformat (?:this|it|as)\b|\b(?:upper|lower|title) ?case\b|\bcomma-separated\b|\bturn (?:this|these|it)\b[^.?!\n]{0,30}\binto\b/,
  /\bin one (?:sentence|line|word)\b|\bone line\b|\bone word\b|\byes or no\b|\bbriefly\b/,
  /\bsynonym|\bantonym|\bopposite of\b|\bplural\b/,
  /\bsort\b|\balphabeti[sz]|\bdedupe\b|\bremove (?:the )?duplicates\b/,
  /\bclassify\b|\blabel each\b|\bsentiment\b|\bpositive or negative\b|\bintent\b|\bwhat language\b/,
  /\bextract\b|\blist (?:every|all)\b|\bheadline\b|\bshorten\b|\bmore polite\b/,
  /\bjoke\b|\bhaiku\b|\blimerick\b|\bemoji\b|\bname ideas\b/,
];
