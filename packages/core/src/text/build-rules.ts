import * as P from '../points';
import type { Dec } from '../points';
import type { Band, Effect, Metric, PerOccurrenceRule, Rule } from '../rules/rule.types';
import type { CompiledRule, RuleParam } from './compile.types';
import { lit, findFirst, num, seq, word, alt, opt } from './grammar';
import {
  findCount,
  findLateness,
  findRequiredAll,
  findShortfall,
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
import type { NumTok, Tok } from './rule-tokens';
import type { Consumed } from './coverage';
import { COUNTERS, DURATION_UNITS, FAILURE_WORDS, PERIOD_CAP_WORDS, PERIOD_COUNTERS, RANK_COUNTERS } from './vocabulary';

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
  /** Item policies the reading implies (产区得4分，非产区得3分 → the item's points by category). */
  policy?: { pointsByCategory?: Record<string, Dec>; points?: Dec };
};
export type Failed = { segs: Segment[]; reason: string };

const s = P.toStr;
export const phraseOf = (ctx: SentenceCtx, a: number, b: number): string => {
  if (a >= b) return '';
  return ctx.original.slice(ctx.toks[a]!.start, ctx.toks[b - 1]!.end);
};
export const tokPhrase = (ctx: SentenceCtx, t: Tok): string => ctx.original.slice(t.start, t.end);
export const condText = (ctx: SentenceCtx, seg: Segment): string => phraseOf(ctx, seg.condFrom, seg.condTo);
export const amountPhrase = (ctx: SentenceCtx, seg: Segment): string => phraseOf(ctx, seg.amount.at, seg.amount.next);

export const effectOf = (v: Verb): 'deduction' | 'bonus' => (v === 'add' || v === 'get' ? 'bonus' : 'deduction');
export const scoreEffectOf = (v: Verb): Effect => (v === 'add' ? 'bonus' : v === 'get' ? 'score' : 'deduction');

export function metricFor(cond: string, t: NumTok): Metric {
  if (t.q.percent !== undefined) return /率|度|比例|比重|占比/.test(cond) ? { of: 'rate', percent: true } : { of: 'value' };
  if (t.q.unit && ['次', '件', '起', '个', '项', '条', '人', '家', '篇', '名', '处', '例'].includes(t.q.unit)) return { of: 'count' };
  return { of: 'value' };
}

/** 11, 22 … 99 written as an amount: most likely a doubled keystroke (扣11分 for 扣1分, 003:1004). */
export function suspiciousAmount(t: NumTok, points: Dec | undefined): string | undefined {
  const digits = t.raw.replace(/[^\d.]/g, '');
  if (/^(\d)\1$/.test(digits)) return `“${t.raw.trim()}”疑为录入错误（重复数字，可能应为${digits[0]}分），请核对`;
  if (points !== undefined && t.q.value > points) return `扣分值${s(t.q.value)}超过本项分值${s(points)}，请核对`;
  return undefined;
}

export function withReview(b: Built, reason: string | undefined): Built {
  if (!reason) return b;
  return { ...b, review: b.review ? `${b.review}；${reason}` : reason };
}

// ---- single segments -------------------------------------------------------------------------

export function buildSingle(ctx: SentenceCtx, segs: Segment[], i: number): { built: Built | Failed; used: number } {
  const seg = segs[i]!;
  const a = seg.amount;
  const cond = condText(ctx, seg);
  const params: RuleParam[] = [];
  const P_ = (name: string, value: string, phrase: string): void => {
    params.push({ name, value, phrase });
  };
  const count = findCount(ctx.toks, seg.condFrom, seg.condTo);
  switch (a.type) {
    case 'no-score':
    case 'zero': {
      const scope = /总分|总成绩|年度(目标)?考核中|全部得分/.test(cond) ? 'unit' : 'indicator';
      P_('scope', scope, amountPhrase(ctx, seg));
      return { built: { rule: { kind: 'zero', scope }, segs: [seg], params }, used: 1 };
    }
    case 'full':
      if (/完成一项|任一项|其中一项|之一/.test(cond)) return { built: { segs: [seg], reason: '“完成一项可得满分”需与所列选项一起编译' }, used: 1 };
      if (findThresholds(ctx.original, ctx.toks, seg.condFrom, seg.condTo).length > 0) {
        return { built: { segs: [seg], reason: '“达到…为满分”需与后续扣分档合并为一条规则，未能合并' }, used: 1 };
      }
      P_('points', ctx.points !== undefined ? s(ctx.points) : '满分', amountPhrase(ctx, seg));
      return { built: { rule: { kind: 'completion', ...(ctx.points !== undefined ? { points: ctx.points } : {}) }, segs: [seg], params }, used: 1 };
    case 'discretion': {
      const perOccurrence = count !== null || /每有?一?项/.test(cond);
      P_('min', '0', amountPhrase(ctx, seg));
      if (perOccurrence && count) P_('perOccurrence', 'true', phraseOf(ctx, count.at, count.next));
      return {
        built: { rule: { kind: 'discretionary', effect: scoreEffectOf(a.verb), min: P.ZERO, ...(perOccurrence ? { perOccurrence } : {}) }, segs: [seg], params },
        used: 1,
      };
    }
    case 'range': {
      P_('min', s(a.min), amountPhrase(ctx, seg));
      P_('max', s(a.max), amountPhrase(ctx, seg));
      if (count) P_('perOccurrence', 'true', phraseOf(ctx, count.at, count.next));
      return {
        built: { rule: { kind: 'discretionary', effect: scoreEffectOf(a.verb), min: a.min, max: a.max, ...(count ? { perOccurrence: true } : {}) }, segs: [seg], params },
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
  const a = seg.amount as Extract<AmountFrame, { type: 'fixed' }>;
  const cond = condText(ctx, seg);
  const amountP = amountPhrase(ctx, seg);
  const params: RuleParam[] = [];
  const add = (name: string, value: string, phrase: string): void => {
    params.push({ name, value, phrase });
  };
  const suspicious = suspiciousAmount(a.tok, ctx.points);
  if (a.inferredVerb) ctx.warnings.push(`“${amountP}”前缺少“扣”字，按扣分读取`);
  if (a.tok.q.unit === undefined) ctx.warnings.push(`“${amountP}”缺少“分”字，按分读取`);
  const done = (rule: Rule, used = 1, review?: string): { built: Built; used: number } => ({
    built: withReview(withReview({ rule, segs: segs.slice(i, i + used), params }, suspicious), review),
    used,
  });

  // P09/P43 shortfall: 少一次扣X (+ 未开展…扣Y).
  const short = findShortfall(ctx.toks, seg.condFrom, seg.condTo);
  if (short && a.verb === 'deduct') {
    add('amount', s(a.value), amountP);
    add('per', String(short.per), phraseOf(ctx, short.at, short.next));
    const reqs = findRequiredAll(ctx.toks, 0, short.at);
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
        const rule: Rule = { kind: 'shortfall', effect: 'deduction', required: elements.length, amount: a.value, elements: [...elements] };
        return done(rule);
      }
      // No count written (少 1 次 against "every meeting held"): the count fact's `required`, else the target.
      required = 'target';
      add('required', 'target', phraseOf(ctx, short.at, short.next));
    }
    const perSubject = /每(位|名|个|月)/.test(phraseOf(ctx, 0, short.at + 1)) && !/每少/.test(phraseOf(ctx, short.at, short.next));
    const rule: Rule = { kind: 'shortfall', effect: 'deduction', required, amount: a.value, ...(perSubject ? { perSubject } : {}) };
    if (perSubject) add('perSubject', 'true', phraseOf(ctx, 0, short.at));
    let used = 1;
    const next = segs[i + 1];
    if (next && next.amount.type === 'fixed' && next.amount.verb === 'deduct' && /未(开展|组织|召开|举办|安排)|没有(开展|组织)|全年未/.test(condText(ctx, next))) {
      rule.noneAmount = next.amount.value;
      add('noneAmount', s(next.amount.value), `${condText(ctx, next)}${amountPhrase(ctx, next)}`);
      used = 2;
    }
    const out = done(rule, used, review);
    if (reqs.length > 1 && 'rule' in out.built) {
      // One sentence, several requirements (组长 4 次，成员 2 次): one shortfall rule each.
      const b = out.built;
      const amountEnd = ctx.toks[seg.amount.next - 1]!.end;
      const pieces = reqs.map((r, k) => {
        const from = k === 0 ? ctx.toks[0]!.start : ctx.toks[reqs[k - 1]!.next]!.start;
        return { from, r };
      });
      b.siblings = pieces.map(({ from, r }, k) => ({
        rule: { ...rule, required: r.n },
        segs: b.segs,
        params: [...params.filter((x) => x.name !== 'required'), { name: 'required', value: String(r.n), phrase: phraseOf(ctx, r.at, r.next) }],
        span: [k === 0 ? from : skipPunct(ctx, from), amountEnd] as [number, number],
      }));
    }
    return out;
  }

  // P14 lateness: 每超一天扣X.
  const late = findLateness(ctx.toks, seg.condFrom, seg.condTo);
  if (late && a.verb === 'deduct') {
    add('amountPerPeriod', s(a.value), amountP);
    add('period', late.period, phraseOf(ctx, late.at, late.next));
    const review = late.n !== P.ONE ? `每超${s(late.n)}个期间扣分，规则只支持每个期间计扣，需确认` : undefined;
    return done({ kind: 'lateness', effect: 'deduction', amountPerPeriod: a.value, period: late.period }, 1, review);
  }

  // P10 threshold steps: [未达T扣a，]每低s个百分点扣b.
  const step = findStep(ctx.toks, seg.condFrom, seg.condTo);
  if (step) {
    const th = findThresholds(ctx.original, ctx.toks, seg.condFrom, step.at).filter((t) => !isTimeTok(t.tok));
    let threshold: Dec | 'target' | undefined;
    let thTok: NumTok | undefined;
    if (th[0]) {
      threshold = th[0].value;
      thTok = th[0].tok;
      add('threshold', s(threshold), th[0].phrase);
    } else {
      // "增长 15%，每低 2 个百分点": the figure before the step is the threshold.
      const bare = findFirst(seq(opt(alt(word('rise', 'fall'), lit('达到', '达'))), num((t) => t.q.percent !== undefined && !t.q.range)), ctx.toks.slice(0, step.at), 0);
      const tok = bare?.value[1];
      if (tok) {
        threshold = tok.q.value;
        thTok = tok;
        add('threshold', s(threshold), tokPhrase(ctx, tok));
      } else if (/较上一?年|上年度|上一年度|去年|较上年/.test(phraseOf(ctx, 0, step.at))) {
        // P12: the gap is the change against last year (扣分较上一年增多每增加 1 个失分点).
        threshold = P.ZERO;
        add('threshold', '0', (/较上一?年|上年度|上一年度|去年|较上年/.exec(phraseOf(ctx, 0, step.at)) ?? [''])[0]);
        add('step', s(step.step.q.value), phraseOf(ctx, step.at, step.next));
        add('perStep', s(a.value), amountP);
        return done({
          kind: 'threshold-steps',
          effect: a.verb === 'deduct' ? 'deduction' : 'bonus',
          metric: { of: 'change', baseline: 'previous' },
          threshold,
          direction: step.direction,
          step: step.step.q.value,
          perStep: a.value,
        });
      } else if (/目标|计划|任务|指标/.test(phraseOf(ctx, 0, step.at))) {
        threshold = 'target';
        add('threshold', 'target', phraseOf(ctx, 0, step.at));
      }
    }
    if (threshold === undefined) return { built: { segs: [seg], reason: '“每低…扣”未给出达标值（是否按指标目标值计算需确认）' }, used: 1 };
    add('step', s(step.step.q.value), phraseOf(ctx, step.at, step.next));
    add('perStep', s(a.value), amountP);
    const metric = metricFor(phraseOf(ctx, 0, step.at), thTok ?? step.step);
    return done({
      kind: 'threshold-steps',
      effect: a.verb === 'deduct' ? 'deduction' : 'bonus',
      metric,
      threshold,
      direction: step.direction,
      step: step.step.q.value,
      perStep: a.value,
    });
  }

  // P01/P13/P44 per occurrence: 每起扣X / 每3例扣X / 发生1起扣X.
  const count = findCount(ctx.toks, seg.condFrom, seg.condTo);
  if (count && PERIOD_COUNTERS.includes(count.counter)) {
    // "按要求每月上报…，得5分" (01): 每月 states a cadence, not an amount per month.
    return { built: { segs: [seg], reason: `“${phraseOf(ctx, count.at, count.next)}”是频次要求还是按期计分未写明，需人工确认` }, used: 1 };
  }
  if (count) {
    const rule: PerOccurrenceRule = { kind: 'per-occurrence', effect: effectOf(a.verb), amount: a.value };
    add('amount', s(a.value), amountP);
    add('counter', count.counter, phraseOf(ctx, count.at, count.next));
    if (count.per !== 1) {
      rule.per = count.per;
      add('per', String(count.per), phraseOf(ctx, count.at, count.next));
    }
    if (/问题(镇|乡|村|单位)/.test(cond)) {
      rule.countDistinct = 'subject';
      add('countDistinct', 'subject', cond.match(/问题(镇|乡|村|单位)/)![0]);
    }
    const limit = findFirst(seq(num(isTimeTok), opt(lit('内')), lit('未')), ctx.toks.slice(0, seg.condTo), seg.condFrom);
    if (limit) {
      rule.overLimit = limit.value[0].q.value;
      add('overLimit', s(rule.overLimit), phraseOf(ctx, limit.at, limit.next));
    }
    return done(rule);
  }

  // Explicit threshold with one amount: 报到率低于95%扣0.05分 → threshold-steps (initial only).
  const ths = findThresholds(ctx.original, ctx.toks, seg.condFrom, seg.condTo).filter((t) => !isTimeTok(t.tok) && t.tok.q.unit !== '分');
  if (ths.length === 1 && a.verb === 'deduct') {
    const t = ths[0]!;
    add('threshold', s(t.value), t.phrase);
    add('initial', s(a.value), amountP);
    // "比例达到 60%以上，未实现的扣 0.1 分" (000:547): the figure is the requirement and the
    // deduction is for failing it — x below 60 triggers, 60 itself meets (以上 includes it).
    const failed = FAILURE_WORDS.some((word) => phraseOf(ctx, t.next, seg.condTo).includes(word));
    const direction = failed ? (t.direction === 'above' ? 'below' : 'above') : t.direction;
    const missAtThreshold = failed ? !t.inclusive : t.inclusive;
    if (failed) add('direction', direction, phraseOf(ctx, t.next, seg.condTo));
    return done({
      kind: 'threshold-steps',
      effect: 'deduction',
      metric: metricFor(cond, t.tok),
      threshold: t.value,
      direction,
      ...(missAtThreshold ? { missAtThreshold: true } : {}),
      initial: a.value,
    });
  }

  if (a.verb === 'get') {
    // 资料齐全得1分 / 完成…得5分: full points when judged complete.
    add('points', s(a.value), amountP);
    return done({ kind: 'completion', points: a.value });
  }
  // P02 condition: 未…的，扣X分.
  add('amount', s(a.value), amountP);
  const one = ctx.toks.slice(seg.condFrom, seg.condTo).find((t): t is NumTok => t.kind === 'num' && t.q.value === P.ONE && t.q.unit !== undefined && COUNTERS.includes(t.q.unit) && !PERIOD_COUNTERS.includes(t.q.unit));
  if (one) {
    // "一个时间节点未开展活动的扣 0.1 分" (000:920): once, or for each one?
    return done({ kind: 'condition', effect: effectOf(a.verb), amount: a.value }, 1, `“${tokPhrase(ctx, one)}”是指发生一次即扣还是每个都扣未写明，需确认`);
  }
  if (/^\s*$/.test(cond.replace(/[，,、；;。\s]/g, ''))) return { built: { segs: [seg], reason: `“${amountP}”前没有扣分条件` }, used: 1 };
  return done({ kind: 'condition', effect: effectOf(a.verb), amount: a.value });
}

function skipPunct(ctx: SentenceCtx, at: number): number {
  let k = at;
  while (k < ctx.original.length && /[，,、；;。\s]/.test(ctx.original[k]!)) k++;
  return k;
}

export const isTimeTok = (t: NumTok): boolean => t.q.unit !== undefined && DURATION_UNITS.includes(t.q.unit);

/** "(铁门、铁窗、铁柜和报警器),缺一样": the named elements before a 缺一样. */
function elementsBefore(ctx: SentenceCtx, to: number): (string[] & { raw: string }) | undefined {
  const text = phraseOf(ctx, 0, to);
  const m = /[（(]([^（）()]+)[）)][^（）()]*$/.exec(text);
  if (!m) return undefined;
  const parts = m[1]!.split(/[、，,和及与]/).map((x) => x.trim()).filter(Boolean);
  return parts.length >= 2 ? Object.assign(parts, { raw: m[1]! }) : undefined;
}

// ---- 分别扣 a、b、c 分 ---------------------------------------------------------------------------

function buildTiers(ctx: SentenceCtx, seg: Segment): Built | Failed {
  const a = seg.amount as Extract<AmountFrame, { type: 'tiers' }>;
  const cond = condText(ctx, seg);
  const values = a.values.map((t) => t.q.value);
  const params: RuleParam[] = [];
  const amountP = amountPhrase(ctx, seg);
  // P21 rank list: 在全市排名1-5名的依次赋予60分、57分、54分、51分、48分 (07).
  const rankRange = ctx.toks.slice(seg.condFrom, seg.condTo).find((t): t is NumTok => t.kind === 'num' && t.q.range !== undefined && t.q.unit !== undefined && RANK_COUNTERS.includes(t.q.unit));
  if (rankRange && a.verb !== 'deduct') {
    const from = Number(rankRange.q.range!.min) / P.SCALE;
    const to = Number(rankRange.q.range!.max) / P.SCALE;
    if (to - from + 1 !== values.length) return { segs: [seg], reason: `第${from}-${to}名与所列${values.length}个分值个数不一致` };
    params.push({ name: 'ranks', value: `${from}-${to}`, phrase: tokPhrase(ctx, rankRange) });
    params.push({ name: 'amounts', value: values.map(s).join('、'), phrase: amountP });
    const bands = values.map((amount, k) => ({ from: from + k, to: from + k, amount }));
    return { rule: { kind: 'rank-bands', effect: scoreEffectOf(a.verb), metric: { of: 'value' }, order: 'desc', bands }, segs: [seg], params };
  }
  // P24 top-k: 位列全省前三位的…分别加0.5分、0.4分、0.3分.
  const top = findFirst(seq(lit('前'), num((t) => t.q.unit === '位' || t.q.unit === '名')), ctx.toks.slice(0, seg.condTo), seg.condFrom);
  if (top && a.verb !== 'deduct') {
    // "列全省、市前3名的分别奖10分、5分、3分" (01): which ranking, the province's or the city's?
    if (levelsIn(cond).length > 1) return { segs: [seg], reason: '前几名是按哪一级的排名未写明（文中有多个层级），需人工确认' };
    const k = Number(top.value[1].q.value) / P.SCALE;
    if (k !== values.length) return { segs: [seg], reason: `前${k}名与所列${values.length}个加分值个数不一致` };
    params.push({ name: 'amounts', value: values.map(s).join('、'), phrase: amountP });
    return { rule: { kind: 'top-k', metric: { of: 'rank' }, order: 'desc', amounts: values }, segs: [seg], params };
  }
  // P11 bands by a list of thresholds: 出现比例高于20%、30%、50%的，分别扣0.5分、1分、2分.
  const th = findThresholds(ctx.original, ctx.toks, seg.condFrom, seg.condTo);
  if (th.length === 1) {
    const first = th[0]!;
    const list = [first.tok];
    for (let j = first.next; j < seg.condTo; j++) {
      const t = ctx.toks[j]!;
      if (t.kind === 'num' && t.q.unit === first.tok.q.unit) list.push(t);
      else if (!(t.kind === 'punct' && (t.tag === 'enum' || t.tag === 'comma'))) break;
    }
    if (list.length >= 2) {
      if (list.length !== values.length) return { segs: [seg], reason: `分别扣的分值个数（${values.length}）与所列档次个数（${list.length}）不一致` };
      const edges = list.map((t) => t.q.value);
      const bands: Band[] = edges.map((edge, k) => {
        const nextEdge = edges[k + 1];
        const inclusive = first.inclusive;
        return first.direction === 'above'
          ? { min: edge, minInclusive: inclusive, ...(nextEdge !== undefined ? { max: nextEdge, maxInclusive: !inclusive } : {}), amount: values[k]! }
          : { max: edge, maxInclusive: inclusive, ...(nextEdge !== undefined ? { min: nextEdge, minInclusive: !inclusive } : {}), amount: values[k]! };
      });
      params.push({ name: 'edges', value: edges.map(s).join('、'), phrase: phraseOf(ctx, first.at, seg.condTo) });
      params.push({ name: 'amounts', value: values.map(s).join('、'), phrase: amountP });
      return { rule: { kind: 'bands', effect: scoreEffectOf(a.verb), metric: metricFor(cond, first.tok), bands }, segs: [seg], params };
    }
  }
  // P03 levels: 中央和省委省政府、市委市政府…每件分别扣 0.5 分、0.3 分、0.2 分.
  const levels = levelsIn(cond);
  if (levels.length !== values.length) {
    return { segs: [seg], reason: `分别扣的分值个数（${values.length}）与前文层级个数（${levels.length}：${levels.map((l) => l.key).join('、') || '无'}）不一致` };
  }
  const amounts: Record<string, Dec> = {};
  levels.forEach((l, k) => {
    amounts[l.key] = values[k]!;
    params.push({ name: `tiers.${l.key}`, value: s(values[k]!), phrase: `${cond.slice(l.at, l.at + 4)}…${tokPhrase(ctx, a.values[k]!)}` });
  });
  const rule: PerOccurrenceRule = { kind: 'per-occurrence', effect: effectOf(a.verb), tiers: { by: 'level', amounts } };
  const repeat = /([两二三四五六七八九\d]+)次(以上|及以上)/.exec(cond);
  if (repeat) {
    const n = repeat[1] === '两' || repeat[1] === '二' ? 2 : Number(repeat[1]) || '三四五六七八九'.indexOf(repeat[1]!) + 3;
    rule.minRepeat = n;
    // 以上 includes the figure itself (民法典第1259条: 以上、以下、以内包括本数).
    params.push({ name: 'minRepeat', value: String(n), phrase: repeat[0] });
  }
  return { rule, segs: [seg], params };
}

/** Applies the modifiers of the segments a rule came from (caps, minimum, doubling, dedupe). */
export function applyModifiers(ctx: SentenceCtx, b: Built, extra: (Modifier & { regionFrom: number })[] = []): { unapplied: string[]; floor: boolean } {
  const unapplied: string[] = [];
  let floor = false;
  const r = b.rule as Rule & { cap?: Dec; minimum?: Dec };
  const capable = ['per-occurrence', 'condition', 'discretionary', 'shortfall', 'threshold-steps', 'lateness', 'proportional', 'external-rank', 'accumulate'].includes(r.kind);
  for (const m of [...b.segs.flatMap((x) => x.mods), ...extra]) {
    const phrase = phraseOf(ctx, m.at, m.next);
    if (m.type === 'cap') {
      // 每月最多扣1分: a cap per period is not a cap on the whole assessment period.
      if (!capable || PERIOD_CAP_WORDS.some((word) => phraseOf(ctx, m.regionFrom, m.next).includes(word))) {
        unapplied.push(phrase);
        continue;
      }
      if (r.kind === 'discretionary' && r.max === undefined && !r.perOccurrence) r.max = m.value;
      else r.cap = m.value;
      b.params.push({ name: 'cap', value: s(m.value), phrase });
    } else if (m.type === 'minimum') {
      if (!capable || r.kind === 'discretionary') {
        unapplied.push(phrase);
        continue;
      }
      r.minimum = m.value;
      b.params.push({ name: 'minimum', value: s(m.value), phrase });
    } else if (m.type === 'floor') {
      floor = true;
      b.params.push({ name: 'floor', value: '0', phrase });
    } else if (m.type === 'double') {
      if (r.kind !== 'per-occurrence') {
        unapplied.push(phrase);
        continue;
      }
      const region = phraseOf(ctx, m.regionFrom, m.at).replace(/^[（(，,\s]+/, '').replace(/[的，,\s]+$/, '');
      const flag = /整改/.test(region) ? 'not-rectified' : region || 'aggravated';
      r.double = { flag };
      b.params.push({ name: 'double', value: flag, phrase: phraseOf(ctx, m.regionFrom, m.next).replace(/^[（(，,\s]+/, '') });
    } else if (m.type === 'dedupe') {
      if (r.kind !== 'per-occurrence') {
        unapplied.push(phrase);
        continue;
      }
      if (m.highestOnly) r.highestOnly = true;
      else r.dedupe = 'event-key';
      b.params.push({ name: m.highestOnly ? 'highestOnly' : 'dedupe', value: m.highestOnly ? 'true' : 'event-key', phrase });
    }
  }
  return { unapplied, floor };
}

export function spanOf(ctx: SentenceCtx, b: { segs: Segment[] }): [number, number] {
  const first = b.segs[0]!;
  const last = b.segs[b.segs.length - 1]!;
  const lastMod = last.mods[last.mods.length - 1];
  let from = first.condFrom < first.amount.at ? first.condFrom : first.amount.at;
  // Skip leading punctuation.
  while (from < first.amount.at && ctx.toks[from]!.kind === 'punct') from++;
  const endTok = ctx.toks[(lastMod ? lastMod.next : last.amount.next) - 1]!;
  return [ctx.toks[from]!.start, endTok.end];
}

export function compiled(ctx: SentenceCtx, b: Built): CompiledRule {
  const span = b.span ?? spanOf(ctx, b);
  // The amount frames a rule was built from are read by it (分别扣 a、b、c 分 as a whole).
  for (const seg of b.segs) ctx.consumed?.add(ctx.toks[seg.amount.at]!.start, ctx.toks[seg.amount.next - 1]!.end);
  return { rule: b.rule, text: ctx.original.slice(span[0], span[1]), span, params: b.params, ...(b.review ? { review: b.review } : {}) };
}
