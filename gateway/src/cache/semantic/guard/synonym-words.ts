/**
 * Words that paraphrases swap for one another in questions. The slot rule treats a word as
 * present in the other prompt when a synonym is. General English, not tied to any topic;
 * keeping it short is deliberate: every group makes the guard more lenient.
 */
const GROUPS: ReadonlyArray<readonly string[]> = [
  ['way', 'method', 'means', 'technique', 'strategy', 'steps', 'tips', 'tricks', 'hacks', 'approach'],
  ['good', 'best', 'great', 'top', 'nice', 'awesome', 'amazing', 'incredible', 'excellent', 'cool', 'favorite', 'favourite'],
  ['fast', 'quick', 'quickly', 'rapidly', 'soon', 'speedy'],
  ['learn', 'study', 'master'],
  ['start', 'begin', 'establish', 'found', 'launch'],
  ['buy', 'purchase', 'get'],
  ['big', 'large', 'huge', 'massive'],
  ['small', 'little', 'tiny'],
  ['site', 'website', 'webpage', 'page', 'portal'],
  ['author', 'writer', 'novelist'],
  ['reason', 'cause', 'why'],
  ['movie', 'film'],
  ['photo', 'picture', 'pic', 'image'],
  ['phone', 'mobile', 'smartphone', 'cellphone', 'cell'],
  ['kid', 'child', 'children'],
  ['job', 'career'],
  ['improve', 'develop', 'enhance', 'better'],
  ['rid', 'remove', 'eliminate'],
  ['quit', 'stop', 'overcome'],
  ['help', 'assist'],
  ['happen', 'occur'],
  ['possible', 'chance', 'chances', 'likely'],
  ['difference', 'different', 'differ', 'vs', 'versus'],
  ['meaning', 'mean', 'definition', 'define'],
  ['use', 'apply', 'utilize', 'utilise'],
  ['important', 'significant', 'significance'],
  ['people', 'person', 'someone', 'humans', 'anyone'],
  ['hard', 'difficult', 'tough'],
  ['easy', 'simple', 'simply', 'easiest'],
  ['problem', 'issue', 'trouble'],
  ['fix', 'solve', 'repair', 'resolve'],
  ['create', 'build', 'make'],
  ['find', 'locate', 'search'],
  ['country', 'nation'],
  ['famous', 'popular', 'renowned'],
  ['weird', 'strange', 'bizarre', 'odd', 'unusual'],
  ['funny', 'hilarious', 'humorous'],
  ['beautiful', 'pretty', 'gorgeous'],
  ['smart', 'intelligent', 'clever'],
  ['idea', 'suggestion', 'tip'],
  ['symptom', 'sign', 'indication'],
  ['earn', 'make'],
  ['money', 'cash', 'income'],
  ['think', 'opinion', 'view', 'feel'],
  ['correct', 'right', 'fix'],
  ['explain', 'describe'],
  ['car', 'vehicle', 'automobile'],
  ['house', 'home'],
];

/** Word → indices of its groups. */
const GROUP_OF: ReadonlyMap<string, readonly number[]> = (() => {
  const map = new Map<string, number[]>();
  GROUPS.forEach((words, i) => {
    for (const w of words) map.set(w, [...(map.get(w) ?? []), i]);
  });
  return map;
})();

export function areSynonyms(a: string, b: string): boolean {
  const ga = GROUP_OF.get(a);
  const gb = GROUP_OF.get(b);
  return ga !== undefined && gb !== undefined && ga.some((g) => gb.includes(g));
}
