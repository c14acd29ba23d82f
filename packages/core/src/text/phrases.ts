import type { Dec } from '../points';
import { alt, findFirst, gap, lit, many1, map, num, opt, punct, seq, word, type Pattern } from './grammar';
import type { NumTok, Tok } from './rule-tokens';
import { BASELINE_PREVIOUS, COUNTERS, LEVELS, ROLE_PREFIX, ROLES, SEVERITY_WORDS, SUB_ITEM_TOTAL_WORDS, TIME_UNITS, WHOLE_ITEM_ZERO_HEADS } from './vocabulary';

/**
 * The phrase grammar of scoring sentences: amount frames (扣X分, 分别扣a、b分, 扣a-b分, 不得分,
 * 酌情扣分), modifiers (最高扣X分, 扣完为止, 加倍扣分, 不重复扣分) and the features a condition can
 * carry (每起, 少一次, 每低s个百分点, 未达T, 每超一天, 排名后N名, levels and severities).
 */
export type Verb = 'deduct' | 'add' | 'get';

export const isPoints = (token: NumTok): boolean => token.q.unit === '分' || token.q.unit === undefined;
const isPointsStrict = (token: NumTok): boolean => token.q.unit === '分';
const single = (token: NumTok): boolean => token.q.range === undefined;

export { COUNTERS };
const isCounter = (token: NumTok): boolean => token.q.unit !== undefined && COUNTERS.includes(token.q.unit);

const verbOf = (token: Tok): Verb => (token.kind === 'word' && token.tag === 'add' ? 'add' : token.kind === 'word' && token.tag === 'get' ? 'get' : 'deduct');
/** 倒扣 deducts like 扣 (below zero: the compiler reports `allowNegative` for the item). */
const verbWord = word('deduct', 'add', 'get', 'reverse');

type FrameBase = { at: number; next: number };
export type AmountFrame = FrameBase &
  (
    | { type: 'fixed'; verb: Verb; value: Dec; tok: NumTok; again: boolean; each: boolean; inferredVerb?: boolean; role?: string }
    | { type: 'veto' }
    | { type: 'range'; verb: Verb; min: Dec; max: Dec; tok: NumTok }
    | { type: 'tiers'; verb: Verb; values: NumTok[] }
    | { type: 'no-score' }
    | { type: 'zero' }
    | { type: 'discretion'; verb: Verb }
    | { type: 'full' }
  );

export type Modifier = FrameBase &
  (
    | { type: 'cap'; value: Dec; tok: NumTok; verb?: Verb }
    | { type: 'minimum'; value: Dec; tok: NumTok }
    | { type: 'floor' }
    | { type: 'double' }
    | { type: 'dedupe'; highestOnly?: boolean }
    /** 该项满分0.5分 (corpus 06 (85)): the item's points stated in its text. */
    | { type: 'points'; value: Dec; tok: NumTok }
  );

// ---- amount frames -------------------------------------------------------------------------

/** 分别扣 0.5 分、0.3 分、0.2 分 / 分别加0.5、0.4、0.3分 / 每件分别扣… */
const tiersFrame: Pattern<Omit<AmountFrame, 'at' | 'next'>> = map(
  seq(word('respectively'), opt(verbWord), many1(num((token) => isPoints(token) && single(token)), opt(alt(punct('enum', 'comma'), lit('和', '及'))))),
  ([, verbToken, values]) => ({ type: 'tiers' as const, verb: verbToken ? verbOf(verbToken) : ('deduct' as Verb), values }),
);

/** 扣 0.1-0.2 分 / 扣减0.1-1分 / 得1～3分. */
const rangeFrame = map(seq(opt(word('again')), verbWord, num((token) => token.q.range !== undefined && isPoints(token))), ([, verbToken, token]) => ({
  type: 'range' as const,
  verb: verbOf(verbToken),
  min: token.q.range!.min,
  max: token.q.range!.max,
  tok: token,
}));

/** 扣 1 分 / 再扣 0.1 分 / 各扣0.5分 / 加0.2分 / 得5分. */
const fixedFrame = map(seq(opt(word('again')), opt(word('each')), verbWord, num((token) => isPoints(token) && single(token))), ([again, each, verbToken, token]) => ({
  type: 'fixed' as const,
  verb: verbOf(verbToken),
  value: token.q.value,
  tok: token,
  again: again !== undefined,
  each: each !== undefined,
}));

/** 扣牵头单位1分，扣相关配合单位0.5分 (P36): the amount names the role it applies to. */
const roleFrame = map(seq(word('deduct', 'add'), lit(...ROLES), num((token) => isPoints(token) && single(token))), ([verbToken, role, token]) => ({
  type: 'fixed' as const,
  verb: verbOf(verbToken),
  value: token.q.value,
  tok: token,
  again: false,
  each: false,
  role: role.startsWith(ROLE_PREFIX) ? role.slice(ROLE_PREFIX.length) : role,
}));

/** 一票否决 as a consequence (…的，一票否决 / 按“一票否决”规定执行), not as a condition (因一票否决项目导致…). */
const vetoFrame: Pattern<Omit<AmountFrame, 'at' | 'next'>> = (toks, i) => {
  const token = toks[i];
  if (!token || token.kind !== 'word' || token.tag !== 'veto') return null;
  let j = i + 1;
  while (toks[j] && /^[”’"』」]$/.test(toks[j]!.raw)) j++;
  const after = toks[j];
  if (after && !(after.kind === 'punct' && after.tag !== 'open') && !(after.kind === 'word' && after.tag === 'per-rule')) return null;
  if (after && after.kind === 'word') j++;
  return { value: { type: 'veto' }, next: j };
};

/** 各0.5分 written without the verb after 每…: treated by the missing-verb frame below. */
const noScoreFrame = map(word('no-score'), () => ({ type: 'no-score' as const }));
// "…整个项得0分" (corpus 03 (3.1)): 0 分 for the whole item is the item zeroed, not a completion worth 0.
const zeroPoints = num((token) => token.q.unit === '分' && token.q.value === 0 && token.q.range === undefined);
const wholeItemZero = seq(lit(...WHOLE_ITEM_ZERO_HEADS), zeroPoints);
// 计0分 / 计为0分 / 记0分 / 按0分计(算): the Arabic 0 said as 计零分 is (a word token) — the item zeroed, not a completion
// worth 0 (which would score 0 whether the condition held or not). Tried before the fixed amount, which would read 计0分.
// 得0分 is not among them: it is one of several score situations (完成的得1分，未完成的得0分), read with the others.
const getZero = alt(seq(opt(word('each')), lit('计为', '计', '记'), zeroPoints), seq(lit('按'), zeroPoints, opt(lit('计算', '计'))));
const zeroFrame = map(alt(word('zero'), wholeItemZero, getZero), () => ({ type: 'zero' as const }));
const fullFrame = map(seq(opt(lit('可')), alt(word('get'), lit('为', '计')), word('full')), () => ({ type: 'full' as const }));
const discretionFrame: Pattern<Omit<AmountFrame, 'at' | 'next'>> = (toks, i) => {
  const found = word('discretion')(toks, i);
  if (!found) return null;
  // 酌情扣分 / 视情况得分 / 视情打分 / 酌情扣 0.5 分 (then the fixed frame reads the amount).
  let j = found.next;
  let verbToken: Verb = 'deduct';
  for (let k = j; k < Math.min(toks.length, j + 3); k++) {
    const token = toks[k]!;
    if (token.kind === 'num' || token.kind === 'punct') break;
    if (token.kind === 'word' && (token.tag === 'deduct' || token.tag === 'add' || token.tag === 'get' || token.tag === 'score-by')) {
      verbToken = token.tag === 'score-by' || token.tag === 'get' ? 'get' : token.tag === 'add' ? 'add' : 'deduct';
      j = k + 1;
      if (toks[j]?.raw === '分') j++;
      break;
    }
  }
  if (toks[j]?.kind === 'num') return null;
  // 酌情给分 / 酌情减分: the verb is a plain character the lexicon does not tag.
  if (j === found.next) {
    const next = toks[j]?.raw;
    if (next === '给' || next === '评') {
      verbToken = 'get';
      j++;
      if (toks[j]?.raw === '分') j++;
    } else if (next === '减') {
      j++;
      if (toks[j]?.raw === '分') j++;
    }
  }
  return { value: { type: 'discretion', verb: verbToken }, next: j };
};
/** "低于95%0.05分", "每少10%0.01分": the verb 扣 is missing (§8.3); read as a deduction, with a warning. */
const missingVerbFrame: Pattern<Omit<AmountFrame, 'at' | 'next'>> = (toks, i) => {
  const prev = toks[i - 1];
  const token = toks[i];
  if (!token || token.kind !== 'num' || !isPointsStrict(token) || token.q.range) return null;
  if (!prev || prev.kind !== 'num' || prev.q.percent === undefined || prev.end !== token.start) return null;
  return { value: { type: 'fixed', verb: 'deduct', value: token.q.value, tok: token, again: false, each: false, inferredVerb: true }, next: i + 1 };
};

const AMOUNT_PATTERNS = [vetoFrame, tiersFrame, rangeFrame, roleFrame, zeroFrame, fixedFrame, noScoreFrame, fullFrame, discretionFrame, missingVerbFrame];

// ---- modifiers -----------------------------------------------------------------------------

// 最多扣分2分 / 最高加分2分: 扣分 and 加分 are tried before the verb alone, which would leave 分 unread (seq does not
// backtrack) and the cap with it.
const capFrame = map(
  seq(word('cap'), opt(word('cap')), opt(alt(lit('扣分', '加分', '得分'), verbWord)), opt(lit('至', '为')), num((token) => isPoints(token) && single(token))),
  ([, , verbToken, , token]) => ({ type: 'cap' as const, value: token.q.value, tok: token, verb: verbToken === undefined ? undefined : typeof verbToken === 'string' ? (verbToken.startsWith('加') ? ('add' as Verb) : verbToken.startsWith('得') ? ('get' as Verb) : ('deduct' as Verb)) : verbOf(verbToken) }),
);
/** "0.5分封顶" / "以2分为限" (corpus 06 (85)): the cap written after its amount. */
const postfixCapFrame = map(seq(num((token) => isPoints(token) && single(token)), lit('封顶', '为限')), ([token]) => ({ type: 'cap' as const, value: token.q.value, tok: token }));
/**
 * "每例扣0.5分,共1分" (corpus 07 (5.3)): after a punctuation mark, the points of the sub-item the deductions come
 * from — the most they can take, read as a cap (applyModifiers leaves it unread on a rule that cannot take one).
 */
const subItemTotalFrame: Pattern<{ type: 'cap'; value: Dec; tok: NumTok }> = (toks, i) => {
  if (toks[i - 1]?.kind !== 'punct') return null;
  const found = seq(lit(...SUB_ITEM_TOTAL_WORDS), opt(lit('计')), num((token) => isPoints(token) && single(token)))(toks, i);
  if (!found) return null;
  const after = toks[found.next];
  if (after && after.kind !== 'punct') return null;
  const token = found.value[2];
  return { value: { type: 'cap' as const, value: token.q.value, tok: token }, next: found.next };
};
/** 该项满分0.5分 / 本项满分为2分: the item's own points. */
const pointsFrame = map(seq(lit('该项', '本项', '此项'), word('full'), opt(lit('为')), num((token) => isPoints(token) && single(token))), ([, , , token]) => ({ type: 'points' as const, value: token.q.value, tok: token }));
const minimumFrame = map(seq(word('minimum'), opt(verbWord), num((token) => isPoints(token) && single(token))), ([, , token]) => ({ type: 'minimum' as const, value: token.q.value, tok: token }));
// 小于0分的以0分计算 / 低于0分的按0分计 / 最低为0分: the score does not go below 0 (the 0 分 are number tokens, which
// a literal cannot span).
const floorFrame = map(
  alt(word('floor'), lit('不计负分'), seq(lit('小于', '低于'), zeroPoints, opt(lit('的')), lit('以', '按'), zeroPoints, opt(lit('计算', '计'))), seq(word('minimum'), lit('为'), zeroPoints)),
  () => ({ type: 'floor' as const }),
);
const doubleFrame = map(seq(word('double'), opt(alt(lit('扣分', '扣除', '计算'), word('deduct')))), () => ({ type: 'double' as const }));
const dedupeFrame = alt(
  // "按最高一项计分" / "取最高一项": 一项 is a number token, so the literal below never sees it; one occurrence in all.
  map(seq(lit('按', '取', '只计', '以'), lit('最高'), num((token) => token.q.value === 1_000_000 && token.q.range === undefined && ['项', '个', '次', '篇'].includes(token.q.unit ?? ''))), () => ({ type: 'dedupe' as const, highestOnly: true })),
  map(seq(word('dedupe'), opt(lit('扣分', '加分', '计分'))), () => ({ type: 'dedupe' as const })),
  map(seq(lit('按', '以', '取'), word('cap'), opt(lit('分', '级', '等级'))), () => ({ type: 'dedupe' as const })),
  map(lit('以获最高'), () => ({ type: 'dedupe' as const, highestOnly: true })),
);

const MODIFIER_PATTERNS: Pattern<Omit<Modifier, 'at' | 'next'>>[] = [capFrame, postfixCapFrame, subItemTotalFrame, pointsFrame, minimumFrame, floorFrame, doubleFrame, dedupeFrame];

export type Frame = { kind: 'amount'; f: AmountFrame } | { kind: 'modifier'; f: Modifier };

/** Scans a sentence's tokens for amount frames and modifiers, left to right. */
export function scanFrames(toks: readonly Tok[]): Frame[] {
  const out: Frame[] = [];
  let i = 0;
  while (i < toks.length) {
    let hit = false;
    for (const pattern of MODIFIER_PATTERNS) {
      const found = pattern(toks, i);
      if (found) {
        out.push({ kind: 'modifier', f: { ...found.value, at: i, next: found.next } as Modifier });
        i = found.next;
        hit = true;
        break;
      }
    }
    if (hit) continue;
    for (const param of AMOUNT_PATTERNS) {
      const matched = param(toks, i);
      if (matched) {
        out.push({ kind: 'amount', f: { ...matched.value, at: i, next: matched.next } as AmountFrame });
        i = matched.next;
        hit = true;
        break;
      }
    }
    if (!hit) i++;
  }
  return out;
}

// ---- condition features --------------------------------------------------------------------

export type Feature<T> = T & { at: number; next: number };

/** 每起 / 每人次 / 每发生一起 / 每发现1个问题镇 / 每 3 例 / 发生 1 起 / 一次. */
export function findCount(toks: readonly Tok[], from: number, to: number): Feature<{ counter: string; per: number }> | null {
  const sub = toks.slice(0, to);
  const everyCounter = map(seq(word('every'), gap(8), num(isCounter)), ([, , token]) => ({ counter: token.q.unit!, per: Number(token.q.value) / 1e6 }));
  const everyLit = map(seq(word('every'), lit(...COUNTERS)), ([, character]) => ({ counter: character, per: 1 }));
  const happened = map(seq(lit('发生', '发现', '出现', '查实', '有'), num((token) => isCounter(token) && token.q.value === 1_000_000)), ([, token]) => ({ counter: token.q.unit!, per: 1 }));
  const found = findFirst(alt(everyLit, everyCounter, happened), sub, from);
  if (found && found.at < to) return { ...found.value, at: found.at, next: found.next };
  // "一次扣5分": a count of one right before the amount.
  const last = toks[to - 1];
  if (last && last.kind === 'num' && isCounter(last) && last.q.value === 1_000_000) return { counter: last.q.unit!, per: 1, at: to - 1, next: to };
  return null;
}

/** 少一次 / 每少1个 / 少组织一次 / 缺一样 / 缺少一项. */
export function findShortfall(toks: readonly Tok[], from: number, to: number): Feature<{ counter: string; per: number }> | null {
  const pattern = map(seq(opt(word('every')), word('less'), gap(3), num((token) => isCounter(token) || token.q.unit === '样')), ([, , , token]) => ({ counter: token.q.unit!, per: Number(token.q.value) / 1e6 }));
  let i = from;
  for (;;) {
    const found = findFirst(pattern, toks.slice(0, to), i);
    if (!found) return null;
    // 至少 / 不少于 / 减少 state a requirement, not a shortfall.
    const prev = toks[found.at - 1]?.raw;
    const lessTok = toks[found.at]!.kind === 'word' && toks[found.at]!.raw === '每' ? toks[found.at + 1] : toks[found.at];
    const before = lessTok === toks[found.at] ? prev : toks[found.at]?.raw;
    if (before !== '至' && before !== '不' && before !== '减' && !(lessTok && lessTok.raw === '少' && toks[toks.indexOf(lessTok) + 1]?.raw === '于')) {
      return { ...found.value, at: found.at, next: found.next };
    }
    i = found.at + 1;
  }
}

/** 每低 5 个百分点 / 每降1% / 每下降5个百分点 / 每少10% (below) ; 每增加1个百分点 / 每超过一人 (above). */
export function findStep(toks: readonly Tok[], from: number, to: number): Feature<{ step: NumTok; direction: 'below' | 'above' }> | null {
  const below = map(seq(word('every'), alt(word('fall', 'below', 'less'), lit('低', '减少')), opt(lit('于')), num((token) => !isTime(token))), ([, , , token]) => ({ step: token, direction: 'below' as const }));
  const above = map(seq(word('every'), alt(word('above', 'rise'), lit('超', '多', '高')), opt(lit('出')), num((token) => !isTime(token))), ([, , , token]) => ({ step: token, direction: 'above' as const }));
  const found = findFirst(alt(below, above), toks.slice(0, to), from);
  if (!found) return null;
  // 每少一次 is a shortfall, not a step — unless the count is compared with last year (对比上年度，每减少1名).
  const before = toks.slice(0, found.at).map((token) => token.raw).join('');
  const againstBaseline = BASELINE_PREVIOUS.some((word) => before.includes(word));
  if (found.value.direction === 'below' && isCounter(found.value.step) && found.value.step.q.percent === undefined && found.value.step.q.unit !== '个' && !againstBaseline) return null;
  return { ...found.value, at: found.at, next: found.next };
}

const isTime = (token: NumTok): boolean => token.q.unit !== undefined && token.q.unit in TIME_UNITS;

/** 每超一天 / 每逾期1个工作日 / 每延迟一个月. */
export function findLateness(toks: readonly Tok[], from: number, to: number): Feature<{ period: 'day' | 'workday' | 'month'; n: Dec }> | null {
  const pattern = map(seq(word('every'), alt(word('above'), lit('超期', '超', '逾期', '延迟', '推迟', '延期', '晚', '拖延')), num(isTime)), ([, , token]) => ({ period: TIME_UNITS[token.q.unit!]!, n: token.q.value }));
  const found = findFirst(pattern, toks.slice(0, to), from);
  return found ? { ...found.value, at: found.at, next: found.next } : null;
}

export type Threshold = {
  value: Dec;
  tok: NumTok;
  direction: 'below' | 'above';
  /** Whether x equal to the value is inside the triggering side. */
  inclusive: boolean;
  phrase: string;
};

/** 未达 95% / 低于97% / 50%以下 / 10亿元以上 / 高于20% / 超过 T. */
export function findThresholds(text: string, toks: readonly Tok[], from: number, to: number): Feature<Threshold>[] {
  const out: Feature<Threshold>[] = [];
  for (let i = from; i < to; i++) {
    const token = toks[i]!;
    if (token.kind === 'word' && (token.tag === 'below' || token.tag === 'above') && token.raw !== '以下' && token.raw !== '以上') {
      let j = i + 1;
      if (toks[j]?.raw === '于') j++;
      const count = toks[j];
      if (count && count.kind === 'num' && count.q.range === undefined && j < to) {
        // 不低于 T / 不超过 T: the condition is that x meets T (x ≥ T / x ≤ T), the other side of 低于 / 超过.
        const negated = toks[i - 1]?.raw === '不' && i - 1 >= from;
        const start = negated ? toks[i - 1]!.start : token.start;
        const direction = negated ? (token.tag === 'below' ? 'above' : 'below') : token.tag;
        // 低于 / 不足 / 未达: x < T triggers (T itself meets); 高于 / 超过: x > T triggers.
        out.push({ value: count.q.value, tok: count, direction, inclusive: negated, phrase: text.slice(start, count.end), at: negated ? i - 1 : i, next: j + 1 });
        i = j;
      }
    } else if (token.kind === 'num' && token.q.range === undefined) {
      const wordToken = toks[i + 1];
      if (wordToken && wordToken.kind === 'word' && (wordToken.raw === '以下' || wordToken.raw === '以上') && i + 1 < to) {
        // 以上/以下 include the figure itself unless a neighbour band claims it with （含…）.
        out.push({ value: token.q.value, tok: token, direction: wordToken.raw === '以下' ? 'below' : 'above', inclusive: true, phrase: text.slice(token.start, wordToken.end), at: i, next: i + 2 });
        i++;
      }
    }
  }
  return out;
}

/** Required count for a shortfall: 全年未达到 4 次 / 至少安排2 次 / 不少于6次 / 2次以上. */
export function findRequired(toks: readonly Tok[], from: number, to: number): Feature<{ n: number; tok: NumTok }> | null {
  const countTok = num((token) => isCounter(token) && token.q.range === undefined);
  const pattern = alt(
    map(seq(alt(word('below'), lit('至少', '不少于', '不低于', '应当', '应')), gap(6), countTok), ([, , token]) => token),
    map(seq(lit('不'), word('below'), countTok), ([, , token]) => token),
    map(seq(countTok, alt(word('above'), lit('及以上'))), ([token]) => token),
  );
  const found = findFirst(pattern, toks.slice(0, to), from);
  if (!found) return null;
  const figure = Number(found.value.q.value) / 1e6;
  return Number.isInteger(figure) ? { n: figure, tok: found.value, at: found.at, next: found.next } : null;
}

/**
 * "全年参加培训4次，少一次扣0.5分": counts of the shortfall's own counter stated bare (no 至少 / 不少于 /
 * 以上) before it — the requirement the shortfall is counted against. None when a 每 is in the part
 * (每月…2次 is a count per period, not for the year) or a count is not a whole number.
 */
export function findStatedCounts(toks: readonly Tok[], from: number, to: number, counter: string): Feature<{ n: number; tok: NumTok }>[] {
  const out: Feature<{ n: number; tok: NumTok }>[] = [];
  for (let i = from; i < to; i++) {
    const token = toks[i]!;
    if (token.kind === 'word' && token.tag === 'every') return [];
    if (token.kind !== 'num' || token.q.unit !== counter || token.q.range !== undefined) continue;
    const figure = Number(token.q.value) / 1e6;
    if (!Number.isInteger(figure)) return [];
    out.push({ n: figure, tok: token, at: i, next: i + 1 });
  }
  return out;
}

/** Every required count before a shortfall (组长…未达到 4 次，成员…未达到 2 次). */
export function findRequiredAll(toks: readonly Tok[], from: number, to: number): Feature<{ n: number; tok: NumTok }>[] {
  const out: Feature<{ n: number; tok: NumTok }>[] = [];
  let i = from;
  for (;;) {
    const entry = findRequired(toks, i, to);
    if (!entry) return out;
    out.push(entry);
    i = entry.next;
  }
}

/**
 * "（1 分）" / "(0.2)" : the points of a clause written in parentheses. A bare number in
 * parentheses that opens the text, a line or a sentence — （二） （12） — is an item ordinal, never points.
 */
export function findParenPoints(toks: readonly Tok[], from: number, to: number, text?: string): Feature<{ value: Dec; tok: NumTok }>[] {
  const pattern = map(seq(punct('open'), num((token) => isPoints(token) && single(token)), punct('close')), ([, token]) => ({ value: token.q.value, tok: token }));
  const out: Feature<{ value: Dec; tok: NumTok }>[] = [];
  for (let i = from; i < to; i++) {
    const found = pattern(toks, i);
    if (found && found.value.tok.q.unit === undefined && isOrdinalPosition(toks, i, text)) continue;
    if (found && found.next <= to) {
      out.push({ ...found.value, at: i, next: found.next });
      i = found.next - 1;
    }
  }
  return out;
}

/** 每超平均某值s (corpus 08 "每超平均年龄1岁"): a step above a named quantity, with words between 超 and the figure. */
export function findStepAgainst(toks: readonly Tok[], from: number, to: number): { step: NumTok; direction: 'above'; at: number; next: number } | null {
  const pattern = seq(word('every'), alt(lit('超', '高'), word('above')), gap(6), num((token) => token.q.range === undefined && token.q.unit !== '分'));
  const hit = findFirst(pattern, toks.slice(0, to), from);
  return hit ? { step: hit.value[3], direction: 'above', at: hit.at, next: hit.next } : null;
}

/** "（3分，少一次扣1分）" (corpus 01): the item's points opening a parenthesis that goes on with its rule. */
export function findLeadingParenPoints(toks: readonly Tok[], from: number, to: number): Feature<{ value: Dec; tok: NumTok }>[] {
  const pattern = map(seq(punct('open'), num((token) => isPointsStrict(token) && single(token)), punct('comma')), ([, token]) => ({ value: token.q.value, tok: token }));
  const out: Feature<{ value: Dec; tok: NumTok }>[] = [];
  for (let i = from; i < to; i++) {
    const found = pattern(toks, i);
    if (found && found.next <= to) out.push({ ...found.value, at: i + 1, next: i + 2 });
  }
  return out;
}

/** Whether the token at i opens the text, a line or a sentence (where （12） is an ordinal). */
function isOrdinalPosition(toks: readonly Tok[], i: number, text?: string): boolean {
  const prev = toks[i - 1];
  if (!prev) return true;
  if (prev.kind === 'punct' && (prev.tag === 'stop' || prev.tag === 'semi' || prev.tag === 'colon')) return true;
  if (text !== undefined) {
    const between = text.slice(prev.end, toks[i]!.start);
    if (between.includes('\n')) return true;
  }
  return false;
}

// ---- tier keys -------------------------------------------------------------------------------

/** Authority levels named in a condition, in order, consecutive repeats merged (省委、省政府 → 省); keys as written. */
export function levelsIn(text: string): { key: string; at: number }[] {
  const out: { key: string; level: string; at: number }[] = [];
  for (let at = 0; at < text.length; at++) {
    const hit = levelAt(text, at);
    if (!hit) continue;
    if (out[out.length - 1]?.level !== hit.level) out.push({ key: hit.word, level: hit.level, at });
    at += hit.word.length - 1;
  }
  return out.map(({ key, at }) => ({ key, at }));
}

function levelAt(text: string, at: number): { level: string; word: string } | undefined {
  for (const { level, words } of LEVELS) {
    for (const entry of words) {
      if (!text.startsWith(entry.word, at)) continue;
      const before = text[at - 1] ?? '';
      const after = text[at + entry.word.length] ?? '';
      if (entry.notBefore?.includes(before) || entry.notAfter?.includes(after)) continue;
      return { level, word: entry.word };
    }
  }
  return undefined;
}

export const hasSeverityWord = (decimalText: string): boolean => SEVERITY_WORDS.some((wordToken) => decimalText.includes(wordToken));

/** A condition as a tier label: "其中，被诫勉谈话的" → "诫勉谈话". */
export function tierLabel(cond: string): string {
  const pieces = cond.replace(/[的，,\s]+$/, '').split(/[，,；;]|其中/).filter((entry) => entry.trim() !== '');
  const withSeverity = pieces.filter(hasSeverityWord);
  return (withSeverity[withSeverity.length - 1] ?? pieces[pieces.length - 1] ?? cond)
    .replace(/^[，,、；;。\s]+/, '')
    .replace(/^(其中|另外|此外)[，,]?/, '')
    .replace(/^(被|受到|因|对|发生|出现)/, '')
    .replace(/[的，,\s]+$/, '')
    .replace(/^被/, '');
}
