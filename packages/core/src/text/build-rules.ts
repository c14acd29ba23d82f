import * as P from '../points';
import type { Dec } from '../points';
import type { Band, Effect, Metric, PerOccurrenceRule, Rule } from '../rules/rule.types';
import type { CompiledRule, RuleParam } from './compile.types';
import { lit, findFirst, gap, num, seq, word, alt, opt } from './grammar';
import {
  findCount,
  findLateness,
  findRequiredAll,
  findShortfall,
  findStatedCounts,
  findStep,
  findThresholds,
  hasSeverityWord,
  levelsIn,
  tierLabel,
  type AmountFrame,
  type Modifier,
  type Threshold,
  type Verb,
} from './phrases';
import { isWord, type NumTok, type Tok } from './rule-tokens';
import type { Consumed } from './coverage';
import { requirementParams } from './families/stated-requirement';
import { ANY_OF_WORDS, BASELINE_PREVIOUS, COUNTERS, MONEY_UNITS, DISTINCT_SUBJECTS, DURATION_UNITS, RATE_WORDS, TARGET_WORDS, EXCEED_REQUIREMENT_WORDS, ZERO_OTHERWISE_WORDS, REPEAT_NUMERALS, UNIT_SCOPE_WORDS, containsAny, firstOf, FAILURE_WORDS, PERIOD_CAP_WORDS, PERIOD_CAP_KINDS, NET_CAP_WORDS, PERIOD_COUNTERS, RANK_COUNTERS } from './vocabulary';

/** One amount frame with the condition words before it and the modifiers after it. */
export type Segment = {
  condFrom: number;
  condTo: number;
  amount: AmountFrame;
  mods: (Modifier & { regionFrom: number })[];
};

/** Shared state of one sentence being compiled. */
export type SentenceCtx = {
  /** Original clause text (for verbatim phrases) and normalised text (same offsets). */
  original: string;
  toks: readonly Tok[];
  points?: Dec;
  warnings: string[];
  /** Spans accounted for by item policies (caps over several rules, 扣完为止), for the coverage check. */
  consumed?: Consumed;
};

export type Built = {
  rule: Rule;
  segs: Segment[];
  params: RuleParam[];
  review?: string;
  span?: [number, number];
  siblings?: Built[];
  /** Item policies the reading implies (产区得a分，非产区得b分 → the item's points by category). */
  policy?: { pointsByCategory?: Record<string, Dec>; points?: Dec };
  /** The reading also read the words after its last amount, to the end of the sentence (第2-k名按第1名的比例得分). */
  claimsTail?: boolean;
};
/** A reading that cannot be compiled: the reason, and a suggested reading where one exists. */
export type Failed = { segs: Segment[]; reason: string; suggestion?: string };

const decimalText = P.toStr;
export const phraseOf = (ctx: SentenceCtx, from: number, to: number): string => {
  if (from >= to) return '';
  return ctx.original.slice(ctx.toks[from]!.start, ctx.toks[to - 1]!.end);
};
export const tokPhrase = (ctx: SentenceCtx, token: Tok): string => ctx.original.slice(token.start, token.end);
export const condText = (ctx: SentenceCtx, seg: Segment): string => phraseOf(ctx, seg.condFrom, seg.condTo);
export const amountPhrase = (ctx: SentenceCtx, seg: Segment): string => phraseOf(ctx, seg.amount.at, seg.amount.next);

export const effectOf = (verb: Verb): 'deduction' | 'bonus' => (verb === 'add' || verb === 'get' ? 'bonus' : 'deduction');
export const scoreEffectOf = (verb: Verb): Effect => (verb === 'add' ? 'bonus' : verb === 'get' ? 'score' : 'deduction');

export function metricFor(cond: string, token: NumTok): Metric {
  if (token.q.percent !== undefined) return containsAny(cond, RATE_WORDS) ? { of: 'rate', percent: true } : { of: 'value' };
  if (token.q.unit && ['次', '件', '起', '个', '项', '条', '人', '家', '篇', '名', '处', '例'].includes(token.q.unit)) return { of: 'count' };
  return { of: 'value' };
}

/** 11, 22 … 99 written as an amount: most likely a doubled keystroke (扣11分 for 扣1分, 003:1004). */
export function suspiciousAmount(token: NumTok, points: Dec | undefined, verb: Verb = 'deduct'): string | undefined {
  const digits = token.raw.replace(/[^\d.]/g, '');
  if (/^(\d)\1$/.test(digits)) return `“${token.raw.trim()}”疑为录入错误（重复数字，可能应为${digits[0]}分），请核对`;
  if (points !== undefined && token.q.value > points) return `${verb === 'add' ? '加分值' : verb === 'get' ? '得分' : '扣分值'}${decimalText(token.q.value)}超过本项分值${decimalText(points)}，请核对`;
  return undefined;
}

export function withReview(built: Built, reason: string | undefined): Built {
  if (!reason) return built;
  return { ...built, review: built.review ? `${built.review}；${reason}` : reason };
}

// ---- single segments -------------------------------------------------------------------------

export function buildSingle(ctx: SentenceCtx, segs: Segment[], i: number): { built: Built | Failed; used: number } {
  const seg = segs[i]!;
  const frame = seg.amount;
  const cond = condText(ctx, seg);
  const params: RuleParam[] = [];
  const addParam = (name: string, value: string, phrase: string): void => {
    params.push({ name, value, phrase });
  };
  const count = findCount(ctx.toks, seg.condFrom, seg.condTo);
  switch (frame.type) {
    case 'no-score':
    case 'zero': {
      const scope = containsAny(cond, UNIT_SCOPE_WORDS) ? 'unit' : 'indicator';
      addParam('scope', scope, amountPhrase(ctx, seg));
      // "确保<某设施>处理率达X%以上，<另一项>…，否则不得分（N分）" (corpus 01 (6.1)): the figures before 否则
      // are the requirements whose failure zeroes the item — the condition a person judges, read by this rule.
      const otherwise = firstOf(cond, ZERO_OTHERWISE_WORDS);
      if (otherwise && frame.type === 'no-score') {
        const before = ctx.original.indexOf(otherwise, ctx.toks[seg.condFrom]?.start ?? 0);
        const reqTo = ctx.toks.findIndex((token, k) => k >= seg.condFrom && token.start >= before);
        const required = reqTo > seg.condFrom ? requirementFigures(ctx, seg.condFrom, reqTo) : [];
        if (required.length > 0) addParam('requirement', required.map((r) => r.phrase).join('、'), phraseOf(ctx, seg.condFrom, reqTo));
      }
      return { built: { rule: { kind: 'zero', scope }, segs: [seg], params }, used: 1 };
    }
    case 'full':
      if (containsAny(cond, ANY_OF_WORDS)) return { built: { segs: [seg], reason: '“完成一项可得满分”需与所列选项一起编译' }, used: 1 };
      if (findThresholds(ctx.original, ctx.toks, seg.condFrom, seg.condTo).length > 0) {
        return { built: { segs: [seg], reason: '“达到…为满分”需与后续扣分档合并为一条规则，未能合并' }, used: 1 };
      }
      addParam('points', ctx.points !== undefined ? decimalText(ctx.points) : '满分', amountPhrase(ctx, seg));
      return { built: { rule: { kind: 'completion', ...(ctx.points !== undefined ? { points: ctx.points } : {}) }, segs: [seg], params }, used: 1 };
    case 'discretion': {
      const perOccurrence = count !== null || /每有?一?项/.test(cond);
      addParam('min', '0', amountPhrase(ctx, seg));
      if (perOccurrence && count) addParam('perOccurrence', 'true', phraseOf(ctx, count.at, count.next));
      return {
        built: { rule: { kind: 'discretionary', effect: scoreEffectOf(frame.verb), min: P.ZERO, ...(perOccurrence ? { perOccurrence } : {}) }, segs: [seg], params },
        used: 1,
      };
    }
    case 'range': {
      addParam('min', decimalText(frame.min), amountPhrase(ctx, seg));
      addParam('max', decimalText(frame.max), amountPhrase(ctx, seg));
      if (count) addParam('perOccurrence', 'true', phraseOf(ctx, count.at, count.next));
      return {
        built: { rule: { kind: 'discretionary', effect: scoreEffectOf(frame.verb), min: frame.min, max: frame.max, ...(count ? { perOccurrence: true } : {}) }, segs: [seg], params },
        used: 1,
      };
    }
    case 'tiers':
      return { built: buildTiers(ctx, seg), used: 1 };
    case 'veto':
      return { built: { segs: [seg], reason: '一票否决：否决效果未在本条写明（见考核办法），需配置否决效果' }, used: 1 };
    case 'fixed':
      return buildFixed(ctx, segs, i);
  }
}

function buildFixed(ctx: SentenceCtx, segs: Segment[], i: number): { built: Built | Failed; used: number } {
  const seg = segs[i]!;
  const frame = seg.amount as Extract<AmountFrame, { type: 'fixed' }>;
  const cond = condText(ctx, seg);
  const amountP = amountPhrase(ctx, seg);
  const params: RuleParam[] = [];
  const add = (name: string, value: string, phrase: string): void => {
    params.push({ name, value, phrase });
  };
  // 倒扣3分 on an item of 0 分 (corpus 06 (60)): a deduction below zero may exceed the item's points.
  const reversed = ctx.toks.slice(seg.amount.at, seg.amount.next).some((token) => token.kind === 'word' && token.tag === 'reverse');
  // 扣1分 on an item of 0 分 (corpus 06 (83)): a deduction-only item, its deductions go below zero (compile-rule.ts).
  const deductionOnly = frame.verb === 'deduct' && ctx.points !== undefined && P.isZero(ctx.points);
  const suspicious = suspiciousAmount(frame.tok, reversed || deductionOnly ? undefined : ctx.points, frame.verb);
  if (frame.inferredVerb) ctx.warnings.push(`“${amountP}”前缺少“扣”字，按扣分读取`);
  if (frame.tok.q.unit === undefined) ctx.warnings.push(`“${amountP}”缺少“分”字，按分读取`);
  const done = (rule: Rule, used = 1, review?: string): { built: Built; used: number } => ({
    built: withReview(withReview({ rule, segs: segs.slice(i, i + used), params }, suspicious), review),
    used,
  });
  /** Each `per` fewer than last year's figure (与上年相比每少…): a step below the change against the previous year. */
  const belowLastYear = (baseline: string, per: number, phrase: string): { built: Built; used: number } => {
    add('threshold', '0', baseline);
    add('step', String(per), phrase);
    add('perStep', decimalText(frame.value), amountP);
    return done({ kind: 'threshold-steps', effect: frame.verb === 'deduct' ? 'deduction' : 'bonus', metric: { of: 'change', baseline: 'previous' }, threshold: P.ZERO, direction: 'below', step: P.fromInt(per), perStep: frame.value });
  };

  // P09/P43 shortfall: 少一次扣X (+ 未开展…扣Y).
  const short = findShortfall(ctx.toks, seg.condFrom, seg.condTo);
  if (short && frame.verb === 'deduct') {
    // "与上年相比每少完成一项扣a分": each one fewer than last year's figure — a step below the change against the
    // previous year, not a shortfall against the unit's target (read so, it was marked ok with 与上年相比 unread).
    const baseline = firstOf(phraseOf(ctx, i > 0 ? segs[i - 1]!.amount.next : 0, short.at), BASELINE_PREVIOUS);
    if (baseline !== undefined) return belowLastYear(baseline, short.per, phraseOf(ctx, short.at, short.next));
    add('amount', decimalText(frame.value), amountP);
    add('per', String(short.per), phraseOf(ctx, short.at, short.next));
    // The subject is stated in this part of the sentence: words before an earlier amount belong to another part
    // (01 (1.4.1): "每月上报…每少一次扣0.5分，…参加会议（2分，少一次扣0.5分" — the meetings are not per month); an
    // earlier bonus or judged amount ends a part as a deduction does (it took the 每月 of 每月…加1分，…少一次扣).
    const partFrom = i > 0 ? segs[i - 1]!.amount.next : 0;
    const required0 = findRequiredAll(ctx.toks, 0, short.at);
    // 全年参加培训4次，少一次扣…: a bare count of the shortfall's counter is its requirement too (read as the
    // target it went unread, marked ok).
    const reqs = required0.length > 0 ? required0 : findStatedCounts(ctx.toks, partFrom, short.at, short.counter);
    const req = reqs[0];
    const review: string | undefined = undefined;
    let required: number | 'target';
    if (req) {
      required = req.n;
      add('required', String(req.n), phraseOf(ctx, req.at, req.next));
    } else {
      const elements = elementsBefore(ctx, short.at);
      if (elements) {
        add('elements', elements.join('、'), elements.raw);
        const rule: Rule = { kind: 'shortfall', effect: 'deduction', required: elements.length, amount: frame.value, elements: [...elements] };
        return done(rule);
      }
      // No count written (少 1 次 against "every meeting held"): the count fact's `required`, else the target.
      required = 'target';
      add('required', 'target', phraseOf(ctx, short.at, short.next));
    }
    const perSubject = /每(位|名|个|月)/.test(phraseOf(ctx, partFrom, short.at + 1)) && !/每少/.test(phraseOf(ctx, short.at, short.next));
    const rule: Rule = { kind: 'shortfall', effect: 'deduction', required, amount: frame.value, ...(perSubject ? { perSubject } : {}) };
    if (perSubject) add('perSubject', 'true', phraseOf(ctx, 0, short.at));
    let used = 1;
    const next = segs[i + 1];
    if (next && next.amount.type === 'fixed' && next.amount.verb === 'deduct' && /未(开展|组织|召开|举办|安排)|没有(开展|组织)|全年未/.test(condText(ctx, next))) {
      rule.noneAmount = next.amount.value;
      add('noneAmount', decimalText(next.amount.value), `${condText(ctx, next)}${amountPhrase(ctx, next)}`);
      used = 2;
    }
    const out = done(rule, used, review);
    if (reqs.length > 1 && 'rule' in out.built) {
      // One sentence, several requirements (组长 4 次，成员 2 次): one shortfall rule each.
      const reading = out.built;
      const amountEnd = ctx.toks[seg.amount.next - 1]!.end;
      const pieces = reqs.map((entry, k) => {
        const from = k === 0 ? ctx.toks[0]!.start : ctx.toks[reqs[k - 1]!.next]!.start;
        return { from, r: entry };
      });
      reading.siblings = pieces.map(({ from, r: entry }, k) => ({
        rule: { ...rule, required: entry.n },
        segs: reading.segs,
        params: [...params.filter((entry) => entry.name !== 'required'), { name: 'required', value: String(entry.n), phrase: phraseOf(ctx, entry.at, entry.next) }],
        span: [k === 0 ? from : skipPunct(ctx, from), amountEnd] as [number, number],
      }));
    }
    return out;
  }

  // P14 lateness: 每超一天扣X.
  const late = findLateness(ctx.toks, seg.condFrom, seg.condTo);
  if (late && frame.verb === 'deduct') {
    add('amountPerPeriod', decimalText(frame.value), amountP);
    add('period', late.period, phraseOf(ctx, late.at, late.next));
    const review = late.n !== P.ONE ? `每超${decimalText(late.n)}个期间扣分，规则只支持每个期间计扣，需确认` : undefined;
    return done({ kind: 'lateness', effect: 'deduction', amountPerPeriod: frame.value, period: late.period }, 1, review);
  }

  // P10 threshold steps: [未达T扣a，]每低s个百分点扣b.
  const step = findStep(ctx.toks, seg.condFrom, seg.condTo);
  if (step) {
    const thresholds = findThresholds(ctx.original, ctx.toks, seg.condFrom, step.at).filter((token) => !isTimeTok(token.tok));
    let threshold: Dec | 'target' | undefined;
    let thTok: NumTok | undefined;
    if (thresholds[0]) {
      threshold = thresholds[0].value;
      thTok = thresholds[0].tok;
      add('threshold', decimalText(threshold), thresholds[0].phrase);
    } else {
      // "增长 15%，每低 2 个百分点": the figure before the step is the threshold.
      const bare = findFirst(seq(opt(alt(word('rise', 'fall'), lit('达到', '达'))), num((token) => token.q.percent !== undefined && !token.q.range)), ctx.toks.slice(0, step.at), 0);
      const tok = bare?.value[1];
      if (tok) {
        threshold = tok.q.value;
        thTok = tok;
        add('threshold', decimalText(threshold), tokPhrase(ctx, tok));
      } else if (firstOf(phraseOf(ctx, 0, step.at), BASELINE_PREVIOUS) !== undefined) {
        // P12: the gap is the change against last year (扣分较上一年增多每增加 1 个失分点).
        threshold = P.ZERO;
        add('threshold', '0', firstOf(phraseOf(ctx, 0, step.at), BASELINE_PREVIOUS)!);
        add('step', decimalText(step.step.q.value), phraseOf(ctx, step.at, step.next));
        add('perStep', decimalText(frame.value), amountP);
        return done({
          kind: 'threshold-steps',
          effect: frame.verb === 'deduct' ? 'deduction' : 'bonus',
          metric: { of: 'change', baseline: 'previous' },
          threshold,
          direction: step.direction,
          step: step.step.q.value,
          perStep: frame.value,
        });
      } else if (containsAny(phraseOf(ctx, 0, step.at), TARGET_WORDS)) {
        threshold = 'target';
        add('threshold', 'target', phraseOf(ctx, 0, step.at));
      }
    }
    if (threshold === undefined) return { built: { segs: [seg], reason: '“每低…扣”未给出达标值（是否按指标目标值计算需确认）' }, used: 1 };
    add('step', decimalText(step.step.q.value), phraseOf(ctx, step.at, step.next));
    add('perStep', decimalText(frame.value), amountP);
    const metric = metricFor(phraseOf(ctx, 0, step.at), thTok ?? step.step);
    return done({
      kind: 'threshold-steps',
      effect: frame.verb === 'deduct' ? 'deduction' : 'bonus',
      metric,
      threshold,
      direction: step.direction,
      step: step.step.q.value,
      perStep: frame.value,
    });
  }

  // P01/P13/P44 per occurrence: 每起扣X / 每3例扣X / 发生1起扣X.
  const count = findCount(ctx.toks, seg.condFrom, seg.condTo);
  if (count && PERIOD_COUNTERS.includes(count.counter)) {
    // "每月上报…，得N分" (corpus 01): 每月 states a cadence, not an amount per month.
    return { built: { segs: [seg], reason: `“${phraseOf(ctx, count.at, count.next)}”是频次要求还是按期计分未写明，需人工确认` }, used: 1 };
  }
  if (count && isWord(ctx.toks[count.at], 'every') && isWord(ctx.toks[count.at + 1], 'less')) {
    // "与上年相比每少发生一起加a分": each one fewer than the baseline, not each occurrence (read as 每起, more
    // occurrences earned more, marked ok).
    const phrase = phraseOf(ctx, count.at, count.next);
    const baseline = firstOf(phraseOf(ctx, 0, count.at), BASELINE_PREVIOUS);
    if (baseline === undefined) return { built: { segs: [seg], reason: `“${phrase}”是比什么少（上年、目标还是其他单位）未写明，需人工确认` }, used: 1 };
    return belowLastYear(baseline, count.per, phrase);
  }
  if (count) {
    const rule: PerOccurrenceRule = { kind: 'per-occurrence', effect: effectOf(frame.verb), amount: frame.value };
    add('amount', decimalText(frame.value), amountP);
    add('counter', count.counter, phraseOf(ctx, count.at, count.next));
    if (count.per !== 1) {
      rule.per = count.per;
      add('per', String(count.per), phraseOf(ctx, count.at, count.next));
    }
    if (containsAny(cond, DISTINCT_SUBJECTS)) {
      rule.countDistinct = 'subject';
      add('countDistinct', 'subject', firstOf(cond, DISTINCT_SUBJECTS)!);
    }
    const limit = findFirst(seq(num(isTimeTok), opt(lit('内')), lit('未')), ctx.toks.slice(0, seg.condTo), seg.condFrom);
    if (limit) {
      rule.overLimit = limit.value[0].q.value;
      add('overLimit', decimalText(rule.overLimit), phraseOf(ctx, limit.at, limit.next));
    }
    return done(rule);
  }

  // Explicit threshold with one amount: 报到率低于95%扣0.05分 → threshold-steps (initial only).
  const stated = findThresholds(ctx.original, ctx.toks, seg.condFrom, seg.condTo).filter((token) => !isTimeTok(token.tok) && token.tok.q.unit !== '分');
  const ths = stated.length > 0 ? stated : requirementReached(ctx, seg);
  if (ths.length === 1 && frame.verb === 'deduct') {
    const tokenHere = ths[0]!;
    add('threshold', decimalText(tokenHere.value), tokenHere.phrase);
    add('initial', decimalText(frame.value), amountP);
    // "比例达到 60%以上，未实现的扣 0.1 分" (000:547): the figure is the requirement and the
    // deduction is for failing it — x below 60 triggers, 60 itself meets (以上 includes it).
    const failed = FAILURE_WORDS.some((word) => phraseOf(ctx, tokenHere.next, seg.condTo).includes(word));
    const direction = failed ? (tokenHere.direction === 'above' ? 'below' : 'above') : tokenHere.direction;
    const missAtThreshold = failed ? !tokenHere.inclusive : tokenHere.inclusive;
    if (failed) add('direction', direction, phraseOf(ctx, tokenHere.next, seg.condTo));
    return done({
      kind: 'threshold-steps',
      effect: 'deduction',
      metric: metricFor(cond, tokenHere.tok),
      threshold: tokenHere.value,
      direction,
      ...(missAtThreshold ? { missAtThreshold: true } : {}),
      initial: frame.value,
    });
  }

  // A bonus for a measured value past a figure (corpus 10 "<某行为>金额 N 万元以上的，加M分"): one band of that value.
  // The value is read in the unit written (元 for money, % for a rate); a figure without a unit stays for review.
  const edgeUnit = ths[0]?.tok.q.unit;
  const money = edgeUnit === undefined ? undefined : MONEY_UNITS[edgeUnit];
  // One stated figure (then ths is stated): a figure only reached (requirementReached) holds a failure word, never a band.
  if (stated.length === 1 && frame.verb === 'add' && (money !== undefined || ths[0]!.tok.q.percent !== undefined) && !FAILURE_WORDS.some((word) => cond.includes(word))
    && !findStep(ctx.toks, seg.condFrom, seg.condTo) && !findCount(ctx.toks, seg.condFrom, seg.condTo) && !ctx.toks.slice(seg.condFrom, seg.condTo).some((token) => token.kind === 'word' && token.tag === 'every')) {
    const edge = ths[0]!;
    const value = money === undefined ? edge.value : P.mulInt(edge.value, money);
    add('band', decimalText(value), edge.phrase);
    add('amount', decimalText(frame.value), amountP);
    const label = money === undefined ? edge.phrase : `${edge.phrase}（按元计）`;
    const band: Band = edge.direction === 'above'
      ? { min: value, ...(edge.inclusive ? {} : { minInclusive: false }), amount: frame.value, label }
      : { max: value, ...(edge.inclusive ? { maxInclusive: true } : {}), amount: frame.value, label };
    return done({ kind: 'bands', effect: 'bonus', metric: metricFor(cond, edge.tok), bands: [band] });
  }

  if (frame.verb === 'get') {
    // 资料齐全得1分 / 完成…得5分: full points when judged complete.
    add('points', decimalText(frame.value), amountP);
    // Corpus 06 (45) "…完成率达到X%的，得a分": the figures of the condition are its requirement.
    params.push(...(requirementParams(ctx, seg.condFrom, seg.condTo) ?? []));
    return done({ kind: 'completion', points: frame.value });
  }
  // P02 condition: 未…的，扣X分.
  add('amount', decimalText(frame.value), amountP);
  // A bonus earned when a stated requirement is met (corpus 06 (84) "…口岸中，…的口岸达到 N%的，加X分"): the figures
  // are what the assessor checks to say the condition holds, as for a completion (requirementParams: no step, no failure
  // words, no 分 figure). A deduction's figures are not read so: they may name the side where points are lost. One
  // threshold alone is a measured value past a figure (a band above, read only in a unit it knows: 流转土地100亩以上).
  const bonusRequirement = frame.verb === 'add' ? requirementParams(ctx, seg.condFrom, seg.condTo) : null;
  if (bonusRequirement && !(stated.length === 1 && bonusRequirement.length === 1)) params.push(...bonusRequirement);
  // "事项 100%接入系统…，未实现的扣 0.1 分" (000:527): an all-or-nothing requirement (100%) or an
  // approximate one (10%左右) that the condition states is read by the condition itself.
  for (const [at, token] of ctx.toks.entries()) {
    if (at < seg.condFrom || at >= seg.condTo || token.kind !== 'num' || token.q.percent === undefined) continue;
    const approximate = ctx.toks[at + 1]?.raw === '左' && ctx.toks[at + 2]?.raw === '右';
    const whole = token.q.value === P.HUNDRED && FAILURE_WORDS.some((word) => phraseOf(ctx, at + 1, seg.condTo).includes(word));
    if (approximate || whole) add('requirement', decimalText(token.q.value), approximate ? phraseOf(ctx, at, at + 3) : tokPhrase(ctx, token));
  }
  const one = ctx.toks.slice(seg.condFrom, seg.condTo).find((token): token is NumTok => token.kind === 'num' && token.q.value === P.ONE && token.q.unit !== undefined && COUNTERS.includes(token.q.unit) && !PERIOD_COUNTERS.includes(token.q.unit));
  if (one) {
    // "一个时间节点未开展活动的扣 0.1 分" (000:920): once, or for each one?
    return done({ kind: 'condition', effect: effectOf(frame.verb), amount: frame.value }, 1, `“${tokPhrase(ctx, one)}”是指发生一次即扣还是每个都扣未写明，需确认`);
  }
  if (/^\s*$/.test(cond.replace(/[，,、；;。\s]/g, ''))) return { built: { segs: [seg], reason: `“${amountP}”前没有扣分条件` }, used: 1 };
  // "每提前一天完成加a分": an amount for each unit of a measure no family read — not a condition that holds once
  // (a condition bonus of a, marked ok with the 每 unread).
  // Money (每100元加1分) is the money-bracket family's, which says what is not written there.
  const per = findFirst(seq(word('every'), gap(3), num((token) => token.q.unit !== undefined && token.q.unit !== '分' && MONEY_UNITS[token.q.unit] === undefined)), ctx.toks.slice(0, seg.condTo), seg.condFrom);
  if (per) return { built: { segs: [seg], reason: `“${phraseOf(ctx, per.at, per.next)}”按每个单位计分，未能读出计分方式，需人工确认` }, used: 1 };
  return done({ kind: 'condition', effect: effectOf(frame.verb), amount: frame.value });
}

/**
 * "线上受理率达到 80%，未实现的扣 0.1 分" (000:522): a rate the unit must reach, and a deduction
 * for failing it — read as the threshold "x below 80 misses" (80 itself meets); only with a failure
 * word after the figure and a single percentage in the condition.
 */
function requirementReached(ctx: SentenceCtx, seg: Segment): (Threshold & { at: number; next: number })[] {
  const percents = ctx.toks.slice(seg.condFrom, seg.condTo).filter((token): token is NumTok => token.kind === 'num' && token.q.percent !== undefined);
  if (percents.length !== 1) return [];
  const percent = num((token) => token.q.percent !== undefined && token.q.range === undefined);
  const reach = findFirst(alt(seq(lit('达到', '达'), percent), seq(lit(...EXCEED_REQUIREMENT_WORDS), percent)), ctx.toks.slice(0, seg.condTo), seg.condFrom);
  if (!reach) return [];
  if (!FAILURE_WORDS.some((word) => phraseOf(ctx, reach.next, seg.condTo).includes(word))) return [];
  const figure = reach.value[1];
  // 超 50%，未达标的扣 (000:591): the requirement is x > figure, so the figure itself misses (not inclusive).
  const exceeds = EXCEED_REQUIREMENT_WORDS.includes(ctx.toks[reach.at]!.raw);
  // As if written "figure以上" (inclusive, direction above): the failure-word flip below turns it into x < figure.
  return [{ value: figure.q.value, tok: figure, direction: 'above', inclusive: !exceeds, phrase: phraseOf(ctx, reach.at, reach.next), at: reach.at, next: reach.next }];
}

/** "达80%以上" / "不低于95%" / "80%以上": the figures a requirement states (before an 否则). */
function requirementFigures(ctx: SentenceCtx, from: number, to: number): { phrase: string }[] {
  const stated = findThresholds(ctx.original, ctx.toks, from, to).filter((token) => !isTimeTok(token.tok) && token.tok.q.unit !== '分');
  return stated.map((token) => ({ phrase: token.phrase }));
}

function skipPunct(ctx: SentenceCtx, at: number): number {
  let k = at;
  while (k < ctx.original.length && /[，,、；;。\s]/.test(ctx.original[k]!)) k++;
  return k;
}

export const isTimeTok = (token: NumTok): boolean => token.q.unit !== undefined && DURATION_UNITS.includes(token.q.unit);

/** "(铁门、铁窗、铁柜和报警器),缺一样": the named elements before a 缺一样. */
function elementsBefore(ctx: SentenceCtx, to: number): (string[] & { raw: string }) | undefined {
  const text = phraseOf(ctx, 0, to);
  const found = /[（(]([^（）()]+)[）)][^（）()]*$/.exec(text);
  if (!found) return undefined;
  const parts = found[1]!.split(/[、，,和及与]/).map((entry) => entry.trim()).filter(Boolean);
  return parts.length >= 2 ? Object.assign(parts, { raw: found[1]! }) : undefined;
}

// ---- 分别扣 a、b、c 分 ---------------------------------------------------------------------------

function buildTiers(ctx: SentenceCtx, seg: Segment): Built | Failed {
  const frame = seg.amount as Extract<AmountFrame, { type: 'tiers' }>;
  const cond = condText(ctx, seg);
  const values = frame.values.map((token) => token.q.value);
  const params: RuleParam[] = [];
  const amountP = amountPhrase(ctx, seg);
  // P21 rank list: 排名1-3名的依次赋予10分、9分、8分 (pattern of corpus 07).
  const rankRange = ctx.toks.slice(seg.condFrom, seg.condTo).find((token): token is NumTok => token.kind === 'num' && token.q.range !== undefined && token.q.unit !== undefined && RANK_COUNTERS.includes(token.q.unit));
  if (rankRange && frame.verb !== 'deduct') {
    const from = Number(rankRange.q.range!.min) / P.SCALE;
    const to = Number(rankRange.q.range!.max) / P.SCALE;
    if (to - from + 1 !== values.length) return { segs: [seg], reason: `第${from}-${to}名与所列${values.length}个分值个数不一致` };
    params.push({ name: 'ranks', value: `${from}-${to}`, phrase: tokPhrase(ctx, rankRange) });
    params.push({ name: 'amounts', value: values.map(decimalText).join('、'), phrase: amountP });
    const bands = values.map((amount, k) => ({ from: from + k, to: from + k, amount }));
    return { rule: { kind: 'rank-bands', effect: scoreEffectOf(frame.verb), metric: { of: 'value' }, order: 'desc', bands }, segs: [seg], params };
  }
  // P24 top-k: 位列全省前三位的…分别加0.5分、0.4分、0.3分.
  const top = findFirst(seq(lit('前'), num((token) => token.q.unit === '位' || token.q.unit === '名')), ctx.toks.slice(0, seg.condTo), seg.condFrom);
  if (top && frame.verb !== 'deduct') {
    // "省、市前N名的分别奖a、b、c分" (corpus 01): which ranking, the province's or the city's?
    const k = Number(top.value[1].q.value) / P.SCALE;
    // Each level once: "省、市对口单位…列全省、市前N名" names the same two rankings twice.
    const rankLevels = levelsIn(cond).filter((level, n, all) => all.findIndex((other) => other.key === level.key) === n);
    if (rankLevels.length > 1) {
      const names = rankLevels.map((level) => level.key).join('、');
      const list = values.map(decimalText).join('、');
      if (rankLevels.length !== values.length && k === values.length) {
        // Corpus 01 (3.1): N places and N amounts, fewer levels — 分别 pairs the places with the amounts (the levels
        // cannot take them), and the places are in an external ranking; what is not written is which of the levels'
        // rankings the places are in, whether both count, or the same amounts at each.
        return {
          segs: [seg],
          reason: `名次所在排名未写明：“前${k}名…分别奖${list}分”是第1名至第${k}名分别奖${list}分（名次与分值个数一致，层级${rankLevels.length}个与分值${values.length}个不对应），但排名有${names}${rankLevels.length}级：名次按哪一级排名计、${names}排名是否都按这组分值、都进前${k}名时是否都计未写明，需人工确认`,
          suggestion: `外部排名前${k}名奖分：${names}级排名第1名至第${k}名分别奖${list}分，${names}都进前${k}名时只计分值较高的一项`,
        };
      }
      // Two readings, neither written out: by place at every level, or by level.
      const byLevel = rankLevels.length === values.length ? `按层级：${rankLevels.map((level, n) => `${level.key}级前${k}名奖${decimalText(values[n]!)}分`).join('，')}` : `按层级：${names}各一档，但层级${rankLevels.length}个与分值${values.length}个不对应`;
      return { segs: [seg], reason: `“前${k}名…分别奖${list}分”有两种读法：按名次（第1名至第${values.length}名分别奖${list}分，${names}排名都按此计）；或${byLevel}。所指排名层级未写明，需人工确认` };
    }
    if (k !== values.length) return { segs: [seg], reason: `前${k}名与所列${values.length}个加分值个数不一致` };
    params.push({ name: 'amounts', value: values.map(decimalText).join('、'), phrase: amountP });
    return { rule: { kind: 'top-k', metric: { of: 'rank' }, order: 'desc', amounts: values }, segs: [seg], params };
  }
  // P11 bands by a list of thresholds: 出现比例高于20%、30%、50%的，分别扣0.5分、1分、2分.
  const foundThresholds = findThresholds(ctx.original, ctx.toks, seg.condFrom, seg.condTo);
  if (foundThresholds.length === 1) {
    const first = foundThresholds[0]!;
    const list = [first.tok];
    for (let j = first.next; j < seg.condTo; j++) {
      const tokenHere = ctx.toks[j]!;
      if (tokenHere.kind === 'num' && tokenHere.q.unit === first.tok.q.unit) list.push(tokenHere);
      else if (!(tokenHere.kind === 'punct' && (tokenHere.tag === 'enum' || tokenHere.tag === 'comma'))) break;
    }
    if (list.length >= 2) {
      if (list.length !== values.length) return { segs: [seg], reason: `分别扣的分值个数（${values.length}）与所列档次个数（${list.length}）不一致` };
      const edges = list.map((token) => token.q.value);
      const bands: Band[] = edges.map((edge, k) => {
        const nextEdge = edges[k + 1];
        const inclusive = first.inclusive;
        return first.direction === 'above'
          ? { min: edge, minInclusive: inclusive, ...(nextEdge !== undefined ? { max: nextEdge, maxInclusive: !inclusive } : {}), amount: values[k]! }
          : { max: edge, maxInclusive: inclusive, ...(nextEdge !== undefined ? { min: nextEdge, minInclusive: !inclusive } : {}), amount: values[k]! };
      });
      params.push({ name: 'edges', value: edges.map(decimalText).join('、'), phrase: phraseOf(ctx, first.at, seg.condTo) });
      params.push({ name: 'amounts', value: values.map(decimalText).join('、'), phrase: amountP });
      return { rule: { kind: 'bands', effect: scoreEffectOf(frame.verb), metric: metricFor(cond, first.tok), bands }, segs: [seg], params };
    }
  }
  // Places counted from the bottom (倒数第1名…分别计a、b分) never come here: the reverse-rank family reads or flags every
  // segment whose condition holds a 倒数 word (families/reverse-rank.family.ts).
  // P03 levels: 中央和省委省政府、市委市政府…每件分别扣 0.5 分、0.3 分、0.2 分.
  const levels = levelsIn(cond);
  if (levels.length !== values.length) {
    return { segs: [seg], reason: `分别扣的分值个数（${values.length}）与前文层级个数（${levels.length}：${levels.map((level) => level.key).join('、') || '无'}）不一致` };
  }
  const amounts: Record<string, Dec> = {};
  levels.forEach((level, k) => {
    amounts[level.key] = values[k]!;
    params.push({ name: `tiers.${level.key}`, value: decimalText(values[k]!), phrase: `${cond.slice(level.at, level.at + 4)}…${tokPhrase(ctx, frame.values[k]!)}` });
  });
  const rule: PerOccurrenceRule = { kind: 'per-occurrence', effect: effectOf(frame.verb), tiers: { by: 'level', amounts } };
  const repeat = /(\d+|[两二三四五六七八九])次(以上|及以上)/.exec(cond);
  if (repeat) {
    const count = Number(repeat[1]) || REPEAT_NUMERALS[repeat[1]!]!;
    rule.minRepeat = count;
    // 以上 includes the figure itself (民法典第1259条: 以上、以下、以内包括本数).
    params.push({ name: 'minRepeat', value: String(count), phrase: repeat[0] });
  }
  return { rule, segs: [seg], params };
}

/** Applies the modifiers of the segments a rule came from (caps, minimum, doubling, dedupe). */
export function applyModifiers(ctx: SentenceCtx, built: Built, extra: (Modifier & { regionFrom: number })[] = []): { unapplied: string[]; floor: boolean; net?: Dec } {
  const unapplied: string[] = [];
  let floor = false;
  let net: Dec | undefined;
  let entry = built.rule as Rule & { cap?: Dec; minimum?: Dec };
  /** A condition that happens more than once (under a cap per period, or a cap above its amount): per occurrence. */
  const eachTime = (condition: Extract<Rule, { kind: 'condition' }>): PerOccurrenceRule => {
    const rule: PerOccurrenceRule = { kind: 'per-occurrence', effect: condition.effect, amount: condition.amount! };
    built.rule = rule;
    return rule;
  };
  const capable = ['per-occurrence', 'condition', 'discretionary', 'shortfall', 'threshold-steps', 'lateness', 'proportional', 'external-rank'].includes(entry.kind);
  for (const found of [...built.segs.flatMap((entry) => entry.mods), ...extra]) {
    const phrase = phraseOf(ctx, found.at, found.next);
    if (found.type === 'cap' && containsAny(phraseOf(ctx, found.regionFrom, found.next), NET_CAP_WORDS)) {
      // 累计加减分不超过N分: a cap on the item's net adjustment (scheme caps.net), not on this rule.
      net = found.value;
      ctx.consumed?.add(ctx.toks[found.at]!.start, ctx.toks[found.next - 1]!.end);
      continue;
    }
    if (found.type === 'cap') {
      // 每月最多扣1分: a cap per period is not a cap on the whole assessment period.
      const region = phraseOf(ctx, found.regionFrom, found.next);
      // 加1分，每月最多2分 (corpus 10): a cap per month or quarter on a per-occurrence rule is its periodCap.
      const periodWord = Object.keys(PERIOD_CAP_KINDS).find((word) => region.includes(word));
      // A condition under a per-period cap happens more than once: "…的，加1分，每月最多2分" is 1 分 each time.
      const periodic = entry.kind === 'per-occurrence' || (entry.kind === 'condition' && !(entry as { tiers?: unknown }).tiers && (entry as { amount?: Dec }).amount !== undefined);
      if (periodWord && periodic && !(entry as PerOccurrenceRule).periodCap && !PERIOD_CAP_WORDS.some((word) => !periodWord.startsWith(word) && region.includes(word))) {
        if (entry.kind === 'condition') entry = eachTime(entry);
        (built.rule as PerOccurrenceRule).periodCap = { period: PERIOD_CAP_KINDS[periodWord]!, amount: found.value };
        built.params.push({ name: 'periodCap', value: `${PERIOD_CAP_KINDS[periodWord]} ${decimalText(found.value)}`, phrase: region.slice(region.indexOf(periodWord)) });
        continue;
      }
      if (!capable || PERIOD_CAP_WORDS.some((word) => region.includes(word))) {
        unapplied.push(phrase);
        continue;
      }
      // 每次扣0.5分，最多加2分: a cap that names the other verb (扣 against a bonus, 加/得 against a deduction) is
      // not this rule's cap; left unread (review), never applied to the rule.
      const capVerb = found.verb;
      const effect = (entry as { effect?: string }).effect;
      if (capVerb !== undefined && effect !== undefined && (capVerb === 'deduct') !== (effect === 'deduction')) {
        unapplied.push(phrase);
        continue;
      }
      if (entry.kind === 'discretionary' && entry.max === undefined && !entry.perOccurrence) entry.max = found.value;
      else {
        // 出现问题的扣1分，最多扣3分: a cap above the amount says it is deducted each time (read as a condition,
        // it deducted 1 once and left the other occurrences unread).
        if (periodic && entry.kind === 'condition' && P.cmp(found.value, (entry as { amount: Dec }).amount) > 0) entry = eachTime(entry);
        entry.cap = found.value;
      }
      built.params.push({ name: 'cap', value: decimalText(found.value), phrase });
    } else if (found.type === 'minimum') {
      if (!capable || entry.kind === 'discretionary') {
        unapplied.push(phrase);
        continue;
      }
      entry.minimum = found.value;
      built.params.push({ name: 'minimum', value: decimalText(found.value), phrase });
    } else if (found.type === 'floor') {
      floor = true;
      built.params.push({ name: 'floor', value: '0', phrase });
    } else if (found.type === 'double') {
      if (entry.kind !== 'per-occurrence') {
        unapplied.push(phrase);
        continue;
      }
      const region = phraseOf(ctx, found.regionFrom, found.at).replace(/^[（(，,\s]+/, '').replace(/[的，,\s]+$/, '');
      const flag = /整改/.test(region) ? 'not-rectified' : region || 'aggravated';
      entry.double = { flag };
      built.params.push({ name: 'double', value: flag, phrase: phraseOf(ctx, found.regionFrom, found.next).replace(/^[（(，,\s]+/, '') });
    } else if (found.type === 'dedupe') {
      if (entry.kind !== 'per-occurrence') {
        unapplied.push(phrase);
        continue;
      }
      if (found.highestOnly) entry.highestOnly = true;
      else entry.dedupe = 'event-key';
      built.params.push({ name: found.highestOnly ? 'highestOnly' : 'dedupe', value: found.highestOnly ? 'true' : 'event-key', phrase });
    } else {
      // found.type === 'points', the last kind of modifier. 该项满分N分 inside a rule's sentence: the item's points, read only as a sentence of its own.
      unapplied.push(phrase);
    }
  }
  return { unapplied, floor, net };
}

export function spanOf(ctx: SentenceCtx, built: { segs: Segment[] }): [number, number] {
  const first = built.segs[0]!;
  const last = built.segs[built.segs.length - 1]!;
  const lastMod = last.mods[last.mods.length - 1];
  let from = Math.min(first.condFrom, first.amount.at);
  // Skip leading punctuation.
  while (from < first.amount.at && ctx.toks[from]!.kind === 'punct') from++;
  const endTok = ctx.toks[(lastMod ? lastMod.next : last.amount.next) - 1]!;
  return [ctx.toks[from]!.start, endTok.end];
}

export function compiled(ctx: SentenceCtx, reading: Built): CompiledRule {
  const span = reading.span ?? spanOf(ctx, reading);
  // The amount frames a rule was built from are read by it (分别扣 a、b、c 分 as a whole).
  for (const seg of reading.segs) ctx.consumed?.add(ctx.toks[seg.amount.at]!.start, ctx.toks[seg.amount.next - 1]!.end);
  return { rule: reading.rule, text: ctx.original.slice(span[0], span[1]), span, params: reading.params, ...(reading.review ? { review: reading.review } : {}) };
}
