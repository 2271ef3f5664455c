/**
 * Groups of words that point in opposite (or mutually exclusive) directions. Each group is
 * a list of poles; each pole lists words that mean the same for this purpose. Two prompts
 * that both name a pole of a group but not the same poles ask opposite things ("before"
 * vs "after", "buy" vs "sell") however close their embeddings are. A prompt that names no
 * pole of a group says nothing about it, so one-sided mentions do not count.
 *
 * Phrasal verbs ("zoom in", "log out", "turn on") are joined into one token by the feature
 * extractor (`zoom_in`) because "in", "out", "on" and "off" alone are too common to use.
 */
export const OPPOSITE_GROUPS: ReadonlyArray<ReadonlyArray<readonly string[]>> = [
  [['before', 'prior'], ['after', 'afterwards']],
  [['increase', 'increases', 'increasing', 'raise', 'raising', 'boost', 'improve', 'improving', 'grow', 'growing'], ['decrease', 'decreases', 'decreasing', 'reduce', 'reducing', 'lower', 'lowering', 'cut', 'shrink']],
  [['rise', 'rises', 'rising', 'rose', 'go_up', 'goes_up'], ['fall', 'falls', 'falling', 'fell', 'drop', 'drops', 'dropping', 'go_down', 'goes_down']],
  [['gain', 'gaining', 'gained', 'put_on'], ['lose', 'losing', 'lost', 'loss']],
  [['win', 'winning', 'won'], ['lose', 'losing', 'lost']],
  [['buy', 'buying', 'bought', 'purchase', 'purchasing'], ['sell', 'selling', 'sold']],
  [['lend', 'lending', 'lent'], ['borrow', 'borrowing', 'borrowed']],
  [['import', 'importing', 'imports'], ['export', 'exporting', 'exports']],
  [['upload', 'uploading', 'uploads'], ['download', 'downloading', 'downloads']],
  [['push', 'pushing'], ['pull', 'pulling']],
  [['send', 'sending', 'sent'], ['receive', 'receiving', 'received']],
  [['encrypt', 'encrypting', 'encryption', 'encode', 'encoding', 'compress', 'compressing', 'compression', 'serialize', 'serializing', 'serialise', 'zip'], ['decrypt', 'decrypting', 'decryption', 'decode', 'decoding', 'decompress', 'decompressing', 'decompression', 'deserialize', 'deserializing', 'deserialise', 'unzip']],
  [['install', 'installing', 'installation'], ['uninstall', 'uninstalling', 'remove', 'removing']],
  [['enable', 'enabling', 'turn_on', 'activate', 'switch_on'], ['disable', 'disabling', 'turn_off', 'deactivate', 'switch_off']],
  [['subscribe', 'subscribing', 'sign_up', 'opt_in'], ['unsubscribe', 'unsubscribing', 'cancel', 'opt_out']],
  [['add', 'adding', 'insert', 'inserting', 'create', 'creating'], ['remove', 'removing', 'delete', 'deleting', 'drop']],
  [['start', 'starting', 'begin', 'beginning'], ['stop', 'stopping', 'end', 'ending', 'finish', 'finishing']],
  [['open', 'opening'], ['close', 'closing']],
  [['log_in', 'login', 'sign_in'], ['log_out', 'logout', 'sign_out']],
  [['zoom_in'], ['zoom_out']],
  [['scale_up'], ['scale_down']],
  [['warm_up', 'warm'], ['cool_down', 'cool']],
  [['advantage', 'advantages', 'pro', 'pros', 'benefit', 'benefits', 'upside', 'upsides'], ['disadvantage', 'disadvantages', 'con', 'cons', 'drawback', 'drawbacks', 'downside', 'downsides', 'risk', 'risks']],
  [['more'], ['less', 'fewer']],
  [['most'], ['least']],
  [['high', 'higher', 'highest'], ['low', 'lower', 'lowest']],
  [['big', 'bigger', 'biggest', 'large', 'larger', 'largest'], ['small', 'smaller', 'smallest', 'little']],
  [['fast', 'faster', 'fastest', 'quick', 'quicker', 'quickest'], ['slow', 'slower', 'slowest']],
  [['good', 'better', 'best', 'great'], ['bad', 'worse', 'worst', 'poor']],
  [['cheap', 'cheaper', 'cheapest', 'inexpensive', 'affordable'], ['expensive', 'costly', 'pricey']],
  [['maximum', 'max', 'maximize', 'maximise'], ['minimum', 'min', 'minimize', 'minimise']],
  [['above', 'over'], ['below', 'under']],
  [['upper', 'top'], ['lower', 'bottom']],
  [['strong', 'stronger', 'strongest'], ['weak', 'weaker', 'weakest']],
  [['long', 'longer', 'longest'], ['short', 'shorter', 'shortest']],
  [['old', 'older', 'oldest'], ['young', 'younger', 'youngest', 'new', 'newer', 'newest']],
  [['hot', 'hotter', 'hottest', 'heat'], ['cold', 'colder', 'coldest', 'cool', 'freeze', 'freezing']],
  [['early', 'earlier', 'earliest'], ['late', 'later', 'latest']],
  [['first'], ['last']],
  [['ascending', 'asc', 'increasing'], ['descending', 'desc', 'decreasing']],
  [['left'], ['right']],
  [['north', 'northern'], ['south', 'southern']],
  [['east', 'eastern'], ['west', 'western']],
  [['positive'], ['negative']],
  [['true'], ['false']],
  [['safe', 'safer', 'safest'], ['unsafe', 'dangerous', 'harmful']],
  [['healthy', 'healthier', 'healthiest'], ['unhealthy', 'toxic']],
  [['happy', 'happier', 'happiest'], ['sad', 'sadder', 'unhappy']],
  [['love', 'loves', 'loving'], ['hate', 'hates', 'hating']],
  [['like', 'likes'], ['dislike', 'dislikes']],
  [['agree'], ['disagree']],
  [['rich', 'richer', 'richest', 'wealthy'], ['poor', 'poorer', 'poorest']],
  [['male', 'men', 'man', 'boy', 'boys', 'husband', 'father', 'son', 'brother', 'he', 'him', 'his'], ['female', 'women', 'woman', 'girl', 'girls', 'wife', 'mother', 'daughter', 'sister', 'she', 'her', 'hers']],
  [['beginner', 'beginners', 'novice', 'novices'], ['expert', 'experts', 'advanced']],
  [['curly'], ['straight']],
  [['upper_body'], ['lower_body']],
  [['red'], ['orange'], ['yellow'], ['green'], ['blue'], ['purple'], ['pink'], ['brown'], ['black'], ['white'], ['grey', 'gray']],
  [['spring'], ['summer'], ['autumn', 'fall'], ['winter']],
  [['monday', 'mondays'], ['tuesday', 'tuesdays'], ['wednesday', 'wednesdays'], ['thursday', 'thursdays'], ['friday', 'fridays'], ['saturday', 'saturdays'], ['sunday', 'sundays']],
  [['january', 'jan'], ['february', 'feb'], ['march', 'mar'], ['april', 'apr'], ['may'], ['june', 'jun'], ['july', 'jul'], ['august', 'aug'], ['september', 'sep', 'sept'], ['october', 'oct'], ['november', 'nov'], ['december', 'dec']],
  [['morning'], ['afternoon'], ['evening'], ['night', 'tonight']],
  [['yesterday'], ['today'], ['tomorrow']],
  [['past', 'was', 'were', 'did'], ['future', 'will']],
  [['sunrise', 'sun_rise', 'sun_rises'], ['sunset', 'sun_set', 'sun_sets']],
  [['weekday', 'weekdays'], ['weekend', 'weekends']],
  [['upstairs'], ['downstairs']],
  [['inside', 'indoor', 'indoors'], ['outside', 'outdoor', 'outdoors']],
  [['input'], ['output']],
  [['read', 'reading'], ['write', 'writing']],
  [['client'], ['server']],
  [['frontend', 'front_end'], ['backend', 'back_end']],
  [['teach', 'teaching', 'teacher'], ['learn', 'learning', 'student']],
  [['parent', 'parents'], ['child', 'children', 'kid', 'kids']],
  [['employer', 'employers'], ['employee', 'employees']],
  [['landlord', 'landlords'], ['tenant', 'tenants']],
];

const POLES_OF: ReadonlyMap<string, readonly string[]> = (() => {
  const map = new Map<string, string[]>();
  OPPOSITE_GROUPS.forEach((poles, group) =>
    poles.forEach((words, pole) => {
      for (const w of words) map.set(w, [...(map.get(w) ?? []), `${group}.${pole}`]);
    }),
  );
  return map;
})();

/** Two words on the same side of one opposition ("advantages", "benefits"): near-synonyms. */
export function samePole(a: string, b: string): boolean {
  const pa = POLES_OF.get(a);
  const pb = POLES_OF.get(b);
  return pa !== undefined && pb !== undefined && pa.some((p) => pb.includes(p));
}
