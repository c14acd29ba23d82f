import type { Dec } from '../points';
import { alt, findFirst, gap, lit, many1, map, num, opt, punct, seq, word, type Pattern } from './grammar';
import type { NumTok, Tok } from './rule-tokens';
import { BASELINE_PREVIOUS, COUNTERS, LEVELS, ROLE_PREFIX, ROLES, SEVERITY_WORDS, TIME_UNITS } from './vocabulary';

/**
 * The phrase grammar of scoring sentences: amount frames (扣X分, 分别扣a、b分, 扣a-b分, 不得分,
 * 酌情扣分), modifiers (最高扣X分, 扣完为止, 加倍扣分, 不重复扣分) and the features a condition can
 * carry (每起, 少一次, 每低s个百分点, 未达T, 每超一天, 排名后N名, levels and severities).
 */
export type Verb = 'deduct' | 'add' | 'get';

export const isPoints = (t: NumTok): boolean => t.q.unit === '分' || t.q.unit === undefined;
const isPointsStrict = (t: NumTok): boolean => t.q.unit === '分';
const single = (t: NumTok): boolean => t.q.range === undefined;

export { COUNTERS };
const isCounter = (t: NumTok): boolean => t.q.unit !== undefined && COUNTERS.includes(t.q.unit);

const verbOf = (t: Tok): Verb => (t.kind === 'word' && t.tag === 'add' ? 'add' : t.kind === 'word' && t.tag === 'get' ? 'get' : 'deduct');
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
  );

// ---- amount frames -------------------------------------------------------------------------

/** 分别扣 0.5 分、0.3 分、0.2 分 / 分别加0.5、0.4、0.3分 / 每件分别扣… */
const tiersFrame: Pattern<Omit<AmountFrame, 'at' | 'next'>> = map(
  seq(word('respectively'), opt(verbWord), many1(num((t) => isPoints(t) && single(t)), opt(alt(punct('enum', 'comma'), lit('和', '及'))))),
  ([, v, values]) => ({ type: 'tiers' as const, verb: v ? verbOf(v) : ('deduct' as Verb), values }),
);

/** 扣 0.1-0.2 分 / 扣减0.1-1分 / 得1～3分. */
const rangeFrame = map(seq(opt(word('again')), verbWord, num((t) => t.q.range !== undefined && isPoints(t))), ([, v, t]) => ({
  type: 'range' as const,
  verb: verbOf(v),
  min: t.q.range!.min,
  max: t.q.range!.max,
  tok: t,
}));

/** 扣 1 分 / 再扣 0.1 分 / 各扣0.5分 / 加0.2分 / 得5分. */
const fixedFrame = map(seq(opt(word('again')), opt(word('each')), verbWord, num((t) => isPoints(t) && single(t))), ([again, each, v, t]) => ({
  type: 'fixed' as const,
  verb: verbOf(v),
  value: t.q.value,
  tok: t,
  again: again !== undefined,
  each: each !== undefined,
}));

/** 扣牵头单位1分，扣相关配合单位0.5分 (P36): the amount names the role it applies to. */
const roleFrame = map(seq(word('deduct', 'add'), lit(...ROLES), num((t) => isPoints(t) && single(t))), ([v, role, t]) => ({
  type: 'fixed' as const,
  verb: verbOf(v),
  value: t.q.value,
  tok: t,
  again: false,
  each: false,
  role: role.startsWith(ROLE_PREFIX) ? role.slice(ROLE_PREFIX.length) : role,
}));

/** 一票否决 as a consequence (…的，一票否决 / 按“一票否决”规定执行), not as a condition (因一票否决项目导致…). */
const vetoFrame: Pattern<Omit<AmountFrame, 'at' | 'next'>> = (toks, i) => {
  const t = toks[i];
  if (!t || t.kind !== 'word' || t.tag !== 'veto') return null;
  let j = i + 1;
  while (toks[j] && /^[”’"』」]$/.test(toks[j]!.raw)) j++;
  const after = toks[j];
  if (after && !(after.kind === 'punct' && after.tag !== 'open') && !(after.kind === 'word' && after.tag === 'per-rule')) return null;
  if (after && after.kind === 'word') j++;
  return { value: { type: 'veto' }, next: j };
};

/** 各0.5分 written without the verb after 每…: treated by the missing-verb frame below. */
const noScoreFrame = map(word('no-score'), () => ({ type: 'no-score' as const }));
const zeroFrame = map(alt(word('zero'), lit('计为0分', '按0分计', '计0分')), () => ({ type: 'zero' as const }));
const fullFrame = map(seq(opt(lit('可')), alt(word('get'), lit('为', '计')), word('full')), () => ({ type: 'full' as const }));
const discretionFrame: Pattern<Omit<AmountFrame, 'at' | 'next'>> = (toks, i) => {
  const m = word('discretion')(toks, i);
  if (!m) return null;
  // 酌情扣分 / 视情况得分 / 视情打分 / 酌情扣 0.5 分 (then the fixed frame reads the amount).
  let j = m.next;
  let v: Verb = 'deduct';
  for (let k = j; k < Math.min(toks.length, j + 3); k++) {
    const t = toks[k]!;
    if (t.kind === 'num' || t.kind === 'punct') break;
    if (t.kind === 'word' && (t.tag === 'deduct' || t.tag === 'add' || t.tag === 'get' || t.tag === 'score-by')) {
      v = t.tag === 'score-by' || t.tag === 'get' ? 'get' : t.tag === 'add' ? 'add' : 'deduct';
      j = k + 1;
      if (toks[j]?.raw === '分') j++;
      break;
    }
  }
  if (toks[j]?.kind === 'num') return null;
  // 酌情给分 / 酌情减分: the verb is a plain character the lexicon does not tag.
  if (j === m.next) {
    const next = toks[j]?.raw;
    if (next === '给' || next === '评') {
      v = 'get';
      j++;
      if (toks[j]?.raw === '分') j++;
    } else if (next === '减') {
      j++;
      if (toks[j]?.raw === '分') j++;
    }
  }
  return { value: { type: 'discretion', verb: v }, next: j };
};
/** "低于95%0.05分", "每少10%0.01分": the verb 扣 is missing (§8.3); read as a deduction, with a warning. */
const missingVerbFrame: Pattern<Omit<AmountFrame, 'at' | 'next'>> = (toks, i) => {
  const prev = toks[i - 1];
  const t = toks[i];
  if (!t || t.kind !== 'num' || !isPointsStrict(t) || t.q.range) return null;
  if (!prev || prev.kind !== 'num' || prev.q.percent === undefined || prev.end !== t.start) return null;
  return { value: { type: 'fixed', verb: 'deduct', value: t.q.value, tok: t, again: false, each: false, inferredVerb: true }, next: i + 1 };
};

const AMOUNT_PATTERNS = [vetoFrame, tiersFrame, rangeFrame, roleFrame, fixedFrame, noScoreFrame, zeroFrame, fullFrame, discretionFrame, missingVerbFrame];

// ---- modifiers -----------------------------------------------------------------------------

const capFrame = map(
  seq(word('cap'), opt(word('cap')), opt(alt(verbWord, lit('扣分', '加分', '得分'))), opt(lit('至', '为')), num((t) => isPoints(t) && single(t))),
  ([, , v, , t]) => ({ type: 'cap' as const, value: t.q.value, tok: t, verb: v === undefined ? undefined : typeof v === 'string' ? (v.startsWith('加') ? ('add' as Verb) : v.startsWith('得') ? ('get' as Verb) : ('deduct' as Verb)) : verbOf(v) }),
);
const minimumFrame = map(seq(word('minimum'), opt(verbWord), num((t) => isPoints(t) && single(t))), ([, , t]) => ({ type: 'minimum' as const, value: t.q.value, tok: t }));
const floorFrame = map(alt(word('floor'), lit('小于0分的以0分计算', '不计负分')), () => ({ type: 'floor' as const }));
const doubleFrame = map(seq(word('double'), opt(alt(lit('扣分', '扣除', '计算'), word('deduct')))), () => ({ type: 'double' as const }));
const dedupeFrame = alt(
  map(seq(word('dedupe'), opt(lit('扣分', '加分', '计分'))), () => ({ type: 'dedupe' as const })),
  map(seq(lit('按', '以', '取'), word('cap'), opt(lit('分', '级', '等级'))), () => ({ type: 'dedupe' as const })),
  map(lit('以获最高', '取最高一项', '按最高一项'), () => ({ type: 'dedupe' as const, highestOnly: true })),
);

const MODIFIER_PATTERNS: Pattern<Omit<Modifier, 'at' | 'next'>>[] = [capFrame, minimumFrame, floorFrame, doubleFrame, dedupeFrame];

export type Frame = { kind: 'amount'; f: AmountFrame } | { kind: 'modifier'; f: Modifier };

/** Scans a sentence's tokens for amount frames and modifiers, left to right. */
export function scanFrames(toks: readonly Tok[]): Frame[] {
  const out: Frame[] = [];
  let i = 0;
  while (i < toks.length) {
    let hit = false;
    for (const p of MODIFIER_PATTERNS) {
      const m = p(toks, i);
      if (m) {
        out.push({ kind: 'modifier', f: { ...m.value, at: i, next: m.next } as Modifier });
        i = m.next;
        hit = true;
        break;
      }
    }
    if (hit) continue;
    for (const p of AMOUNT_PATTERNS) {
      const m = p(toks, i);
      if (m) {
        out.push({ kind: 'amount', f: { ...m.value, at: i, next: m.next } as AmountFrame });
        i = m.next;
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
  const everyCounter = map(seq(word('every'), gap(8), num(isCounter)), ([, , t]) => ({ counter: t.q.unit!, per: Number(t.q.value) / 1e6 }));
  const everyLit = map(seq(word('every'), lit(...COUNTERS)), ([, c]) => ({ counter: c, per: 1 }));
  const happened = map(seq(lit('发生', '发现', '出现', '查实', '有'), num((t) => isCounter(t) && t.q.value === 1_000_000)), ([, t]) => ({ counter: t.q.unit!, per: 1 }));
  const m = findFirst(alt(everyLit, everyCounter, happened), sub, from);
  if (m && m.at < to) return { ...m.value, at: m.at, next: m.next };
  // "一次扣5分": a count of one right before the amount.
  const last = toks[to - 1];
  if (last && last.kind === 'num' && isCounter(last) && last.q.value === 1_000_000) return { counter: last.q.unit!, per: 1, at: to - 1, next: to };
  return null;
}

/** 少一次 / 每少1个 / 少组织一次 / 缺一样 / 缺少一项. */
export function findShortfall(toks: readonly Tok[], from: number, to: number): Feature<{ counter: string; per: number }> | null {
  const p = map(seq(opt(word('every')), word('less'), gap(3), num((t) => isCounter(t) || t.q.unit === '样')), ([, , , t]) => ({ counter: t.q.unit!, per: Number(t.q.value) / 1e6 }));
  let i = from;
  for (;;) {
    const m = findFirst(p, toks.slice(0, to), i);
    if (!m) return null;
    // 至少 / 不少于 / 减少 state a requirement, not a shortfall.
    const prev = toks[m.at - 1]?.raw;
    const lessTok = toks[m.at]!.kind === 'word' && toks[m.at]!.raw === '每' ? toks[m.at + 1] : toks[m.at];
    const before = lessTok === toks[m.at] ? prev : toks[m.at]?.raw;
    if (before !== '至' && before !== '不' && before !== '减' && !(lessTok && lessTok.raw === '少' && toks[toks.indexOf(lessTok) + 1]?.raw === '于')) {
      return { ...m.value, at: m.at, next: m.next };
    }
    i = m.at + 1;
  }
}

/** 每低 5 个百分点 / 每降1% / 每下降5个百分点 / 每少10% (below) ; 每增加1个百分点 / 每超过一人 (above). */
export function findStep(toks: readonly Tok[], from: number, to: number): Feature<{ step: NumTok; direction: 'below' | 'above' }> | null {
  const below = map(seq(word('every'), alt(word('fall', 'below', 'less'), lit('低', '减少')), opt(lit('于')), num((t) => !isTime(t))), ([, , , t]) => ({ step: t, direction: 'below' as const }));
  const above = map(seq(word('every'), alt(word('above', 'rise'), lit('超', '多', '高')), opt(lit('出')), num((t) => !isTime(t))), ([, , , t]) => ({ step: t, direction: 'above' as const }));
  const m = findFirst(alt(below, above), toks.slice(0, to), from);
  if (!m) return null;
  // 每少一次 is a shortfall, not a step — unless the count is compared with last year (对比上年度，每减少1名).
  const before = toks.slice(0, m.at).map((t) => t.raw).join('');
  const againstBaseline = BASELINE_PREVIOUS.some((word) => before.includes(word));
  if (m.value.direction === 'below' && isCounter(m.value.step) && m.value.step.q.percent === undefined && m.value.step.q.unit !== '个' && !againstBaseline) return null;
  return { ...m.value, at: m.at, next: m.next };
}

const isTime = (t: NumTok): boolean => t.q.unit !== undefined && t.q.unit in TIME_UNITS;

/** 每超一天 / 每逾期1个工作日 / 每延迟一个月. */
export function findLateness(toks: readonly Tok[], from: number, to: number): Feature<{ period: 'day' | 'workday' | 'month'; n: Dec }> | null {
  const p = map(seq(word('every'), alt(word('above'), lit('超期', '超', '逾期', '延迟', '推迟', '延期', '晚', '拖延')), num(isTime)), ([, , t]) => ({ period: TIME_UNITS[t.q.unit!]!, n: t.q.value }));
  const m = findFirst(p, toks.slice(0, to), from);
  return m ? { ...m.value, at: m.at, next: m.next } : null;
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
    const t = toks[i]!;
    if (t.kind === 'word' && (t.tag === 'below' || t.tag === 'above') && t.raw !== '以下' && t.raw !== '以上') {
      let j = i + 1;
      if (toks[j]?.raw === '于') j++;
      const n = toks[j];
      if (n && n.kind === 'num' && n.q.range === undefined && j < to) {
        // 不低于 T / 不超过 T: the condition is that x meets T (x ≥ T / x ≤ T), the other side of 低于 / 超过.
        const negated = toks[i - 1]?.raw === '不' && i - 1 >= from;
        const start = negated ? toks[i - 1]!.start : t.start;
        const direction = negated ? (t.tag === 'below' ? 'above' : 'below') : t.tag;
        // 低于 / 不足 / 未达: x < T triggers (T itself meets); 高于 / 超过: x > T triggers.
        out.push({ value: n.q.value, tok: n, direction, inclusive: negated, phrase: text.slice(start, n.end), at: negated ? i - 1 : i, next: j + 1 });
        i = j;
      }
    } else if (t.kind === 'num' && t.q.range === undefined) {
      const w = toks[i + 1];
      if (w && w.kind === 'word' && (w.raw === '以下' || w.raw === '以上') && i + 1 < to) {
        // 以上/以下 include the figure itself unless a neighbour band claims it with （含…）.
        out.push({ value: t.q.value, tok: t, direction: w.raw === '以下' ? 'below' : 'above', inclusive: true, phrase: text.slice(t.start, w.end), at: i, next: i + 2 });
        i++;
      }
    }
  }
  return out;
}

/** Required count for a shortfall: 全年未达到 4 次 / 至少安排2 次 / 不少于6次 / 2次以上. */
export function findRequired(toks: readonly Tok[], from: number, to: number): Feature<{ n: number; tok: NumTok }> | null {
  const countTok = num((t) => isCounter(t) && t.q.range === undefined);
  const p = alt(
    map(seq(alt(word('below'), lit('至少', '不少于', '不低于', '应当', '应')), gap(6), countTok), ([, , t]) => t),
    map(seq(lit('不'), word('below'), countTok), ([, , t]) => t),
    map(seq(countTok, alt(word('above'), lit('及以上'))), ([t]) => t),
  );
  const m = findFirst(p, toks.slice(0, to), from);
  if (!m) return null;
  const n = Number(m.value.q.value) / 1e6;
  return Number.isInteger(n) ? { n, tok: m.value, at: m.at, next: m.next } : null;
}

/** Every required count before a shortfall (组长…未达到 4 次，成员…未达到 2 次). */
export function findRequiredAll(toks: readonly Tok[], from: number, to: number): Feature<{ n: number; tok: NumTok }>[] {
  const out: Feature<{ n: number; tok: NumTok }>[] = [];
  let i = from;
  for (;;) {
    const r = findRequired(toks, i, to);
    if (!r) return out;
    out.push(r);
    i = r.next;
  }
}

/**
 * "（1 分）" / "(0.2)" : the points of a clause written in parentheses. A bare number in
 * parentheses that opens the text, a line or a sentence — （二） （12） — is an item ordinal, never points.
 */
export function findParenPoints(toks: readonly Tok[], from: number, to: number, text?: string): Feature<{ value: Dec; tok: NumTok }>[] {
  const p = map(seq(punct('open'), num((t) => isPoints(t) && single(t)), punct('close')), ([, t]) => ({ value: t.q.value, tok: t }));
  const out: Feature<{ value: Dec; tok: NumTok }>[] = [];
  for (let i = from; i < to; i++) {
    const m = p(toks, i);
    if (m && m.value.tok.q.unit === undefined && isOrdinalPosition(toks, i, text)) continue;
    if (m && m.next <= to) {
      out.push({ ...m.value, at: i, next: m.next });
      i = m.next - 1;
    }
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

export const hasSeverityWord = (s: string): boolean => SEVERITY_WORDS.some((w) => s.includes(w));

/** A condition as a tier label: "其中，被诫勉谈话的" → "诫勉谈话". */
export function tierLabel(cond: string): string {
  const pieces = cond.replace(/[的，,\s]+$/, '').split(/[，,；;]|其中/).filter((x) => x.trim() !== '');
  const withSeverity = pieces.filter(hasSeverityWord);
  return (withSeverity[withSeverity.length - 1] ?? pieces[pieces.length - 1] ?? cond)
    .replace(/^[，,、；;。\s]+/, '')
    .replace(/^(其中|另外|此外)[，,]?/, '')
    .replace(/^(被|受到|因|对|发生|出现)/, '')
    .replace(/[的，,\s]+$/, '')
    .replace(/^被/, '');
}
