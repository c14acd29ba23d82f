import * as P from '../points';
import type { Dec } from '../points';
import type { Band, BandsRule, DeadlineRule, LatenessRule, ProportionalRule, RateFormulaRule, ShortfallRule, SurveyRule, ThresholdStepsRule } from './rule.types';
import type { RuleContext, RuleOutcome } from './rule-context';
import {
  applyCapAndMinimum,
  applyEffect,
  empty,
  none,
  factsOf,
  firstOf,
  judgementOf,
  line,
  markClamped,
  pending,
  readMetric,
  roundSteps,
  scoreWithin,
  targetValue,
} from './rule-helpers';

/** P09 P43: deduction per missing time/element; a special amount when none was done. */
export function evalShortfall(rule: ShortfallRule, ctx: RuleContext): RuleOutcome {
  const counts = factsOf(ctx.facts, 'count');
  if (counts.length === 0) return pending('shortfall.no-count', { required: rule.elements ? rule.elements.join('、') : String(rule.required) });
  const out = empty();
  for (const c of rule.perSubject ? counts : counts.slice(0, 1)) {
    let required: number;
    let done: number;
    let missing: string[] = [];
    if (rule.elements) {
      const present = new Set(c.present ?? []);
      missing = rule.elements.filter((e) => !present.has(e));
      required = rule.elements.length;
      done = required - missing.length;
    } else {
      const t = rule.required === 'target' ? (c.required ?? (ctx.target?.value !== undefined ? Math.trunc(P.toNumber(ctx.target.value)) : undefined)) : rule.required;
      if (t === undefined) return pending('shortfall.no-required', {}, [c.id]);
      required = t;
      done = c.done;
    }
    const short = Math.max(0, required - done);
    if (short === 0) continue;
    if (done === 0 && rule.noneAmount !== undefined) {
      applyEffect(out, 'deduction', rule.noneAmount, [c.id], 'shortfall.none', { required, amount: (rule.noneAmount), subject: c.subject ?? '' });
    } else {
      const total = P.mulInt(rule.amount, short);
      applyEffect(out, 'deduction', total, [c.id], missing.length ? 'shortfall.elements' : 'shortfall.each', {
        required,
        done,
        short,
        amount: (rule.amount),
        total: (total),
        missing: missing.join('、'),
        subject: c.subject ?? '',
      });
    }
  }
  applyCapAndMinimum(out, 'deduction', rule.cap, rule.minimum);
  return out;
}

/** P10 P12 P25c P47: threshold missed → initial amount plus amount per (whole) step of the gap. */
export function evalThresholdSteps(rule: ThresholdStepsRule, ctx: RuleContext): RuleOutcome {
  const m = readMetric(rule.metric, ctx.facts);
  if (!m) return pending('metric.missing', { metric: rule.metric.of });
  let threshold: Dec;
  let facts = m.facts;
  if (rule.threshold === 'target') {
    const t = targetValue(ctx, rule.figure);
    if (!t) return pending('target.missing', { figure: rule.figure ?? '' });
    threshold = t.value;
    if (t.facts.length) facts = [...facts, ...t.facts];
  } else threshold = rule.threshold;
  // The metric's detail object becomes the line's parameters (no copy on the hot path).
  const params = m.detail;
  params['threshold'] = threshold;
  const x = m.value;
  const gap = rule.direction === 'below' ? P.sub(threshold, x) : P.sub(x, threshold);
  const out = empty();
  const missed = gap > 0 || (gap === 0 && rule.missAtThreshold === true);
  if (!missed) {
    if (rule.effect === 'score') {
      params['points'] = ctx.points ?? P.ZERO;
      applyEffect(out, 'score', ctx.points ?? P.ZERO, facts, 'threshold.met', params);
    } else out.lines.push(line('note', P.ZERO, facts, 'threshold.met-note', params));
    return out;
  }
  if (rule.judgementBeyond !== undefined) {
    const beyond = rule.direction === 'below' ? x < rule.judgementBeyond : x > rule.judgementBeyond;
    if (beyond) {
      const j = judgementOf(ctx.facts);
      if (!j) {
        params['limit'] = rule.judgementBeyond;
        return pending('threshold.judgement', params, facts);
      }
      const amt = P.clamp(j.amount, P.ZERO, ctx.points);
      applyEffect(out, rule.effect, amt, [...facts, j.id], 'discretionary.judged', { amount: (amt), min: '0', max: ctx.points ? (ctx.points) : '', reason: j.reason, by: j.by ?? '' });
      return out;
    }
  }
  let d = rule.initial ?? P.ZERO;
  let nSteps: Dec = P.ZERO;
  if (rule.step !== undefined && rule.perStep !== undefined) {
    nSteps = roundSteps(gap, rule.step, rule.stepRounding ?? ctx.settings.stepRounding ?? 'floor');
    d = P.add(d, P.mul(rule.perStep, nSteps));
  }
  params['gap'] = gap;
  params['initial'] = rule.initial ?? P.ZERO;
  params['step'] = rule.step ?? '';
  params['perStep'] = rule.perStep ?? '';
  params['steps'] = nSteps;
  params['total'] = d;
  if (rule.effect === 'score') {
    const pts = ctx.points ?? P.ZERO;
    applyEffect(out, 'score', pts, facts, 'threshold.full', { points: (pts) });
    const capped = rule.cap !== undefined ? P.min(d, rule.cap) : d;
    out.score = P.sub(out.score!, capped);
    out.lines.push(line('deduction', P.neg(capped), facts, 'threshold.missed', params));
    return scoreWithin(out, ctx.points);
  }
  applyEffect(out, rule.effect, d, facts, 'threshold.missed', params);
  applyCapAndMinimum(out, rule.effect, rule.cap, rule.minimum);
  return out;
}

export function bandMatches(b: Band, x: Dec): boolean {
  if (b.min !== undefined && (b.minInclusive === false ? !(x > b.min) : !(x >= b.min))) return false;
  if (b.max !== undefined && (b.maxInclusive === true ? !(x <= b.max) : !(x < b.max))) return false;
  return true;
}

const bandWords = new WeakMap<Band, string>();

/** The band in words (≥80 且 <90), computed once per band. */
export function describeBand(b: Band): string {
  let w = bandWords.get(b);
  if (w === undefined) bandWords.set(b, (w = bandText(b)));
  return w;
}

function bandText(b: Band): string {
  if (b.label) return b.label;
  const lo = b.min === undefined ? '' : `${b.minInclusive === false ? '>' : '≥'}${P.toStr(b.min)}`;
  const hi = b.max === undefined ? '' : `${b.maxInclusive === true ? '≤' : '<'}${P.toStr(b.max)}`;
  return [lo, hi].filter(Boolean).join(' 且 ') || '任意';
}

/** P11 P25b: the first band the value falls into gives the amount. */
export function evalBands(rule: BandsRule, ctx: RuleContext): RuleOutcome {
  const m = readMetric(rule.metric, ctx.facts);
  if (!m) return pending('metric.missing', { metric: rule.metric.of });
  return bandOutcome(rule.bands, rule.otherwise, rule.effect, m.value, m.facts, m.detail, ctx);
}

export function bandOutcome(
  bands: Band[],
  otherwise: Dec | undefined,
  effect: BandsRule['effect'],
  x: Dec,
  facts: readonly string[],
  detail: Record<string, string | number>,
  ctx: RuleContext,
): RuleOutcome {
  let band: Band | undefined;
  for (let i = 0; i < bands.length; i++) {
    const b = bands[i]!;
    if (bandMatches(b, x)) {
      band = b;
      break;
    }
  }
  const out = empty();
  if (band?.judgement) {
    const j = judgementOf(ctx.facts);
    if (!j) return pending('bands.judgement', { ...detail, band: describeBand(band) }, facts);
    applyEffect(out, effect, j.amount, [...facts, j.id], 'discretionary.judged', { amount: (j.amount), min: '0', max: ctx.points ? (ctx.points) : '', reason: j.reason, by: j.by ?? '' });
    return effect === 'score' ? scoreWithin(out, ctx.points) : out;
  }
  const amount = band ? band.amount : (otherwise ?? P.ZERO);
  const params = detail;
  params['x'] = x;
  params['band'] = band ? describeBand(band) : '';
  params['amount'] = amount;
  applyEffect(out, effect, amount, facts, band ? 'bands.hit' : 'bands.none', params);
  return effect === 'score' ? scoreWithin(out, ctx.points) : out;
}

const DAY = 86_400_000;

function daysBetween(due: string, done: string, workdays: boolean): number {
  const a = Date.parse(due + 'T00:00:00Z');
  const b = Date.parse(done + 'T00:00:00Z');
  if (!(b > a)) return 0;
  if (!workdays) return Math.round((b - a) / DAY);
  // Workdays: Monday–Friday after the due date up to the done date. Statutory holidays and
  // adjusted working weekends (调休) need the office's calendar; see docs/scheme-format.md.
  let n = 0;
  for (let t = a + DAY; t <= b; t += DAY) {
    const wd = new Date(t).getUTCDay();
    if (wd !== 0 && wd !== 6) n++;
  }
  return n;
}

function monthsBetween(due: string, done: string): number {
  const [y1, m1, d1] = due.split('-').map(Number) as [number, number, number];
  const [y2, m2, d2] = done.split('-').map(Number) as [number, number, number];
  let months = (y2 - y1) * 12 + (m2 - m1);
  if (d2 > d1) months++; // a started month counts
  return Math.max(0, months);
}

/** P14: amount per day, workday or month late. */
export function evalLateness(rule: LatenessRule, ctx: RuleContext): RuleOutcome {
  const facts = factsOf(ctx.facts, 'lateness');
  if (facts.length === 0) return none();
  const out = empty();
  for (const f of facts) {
    let periods = f.periods;
    if (periods === undefined && f.due && f.done) {
      periods = rule.period === 'month' ? monthsBetween(f.due, f.done) : daysBetween(f.due, f.done, rule.period === 'workday');
    }
    if (periods === undefined) {
      out.status = 'needs-review';
      out.lines.push(line('review', P.ZERO, [f.id], 'lateness.unknown', {}));
      continue;
    }
    if (periods <= 0) continue;
    const total = P.mulInt(rule.amountPerPeriod, periods);
    applyEffect(out, 'deduction', total, [f.id], 'lateness.each', { periods, period: rule.period, amount: (rule.amountPerPeriod), total: (total), due: f.due ?? '', done: f.done ?? '' });
  }
  applyCapAndMinimum(out, 'deduction', rule.cap, rule.minimum);
  return out;
}

/** P45: done after a fixed date (or not done by the assessment date) → fixed amount. */
export function evalDeadline(rule: DeadlineRule, ctx: RuleContext): RuleOutcome {
  const f = firstOf(ctx.facts, 'flag');
  if (!f) return pending('deadline.no-fact', { deadline: rule.deadline });
  const done = f.value ? f.date : undefined;
  if (f.value && done === undefined) return pending('deadline.no-date', { deadline: rule.deadline }, [f.id]);
  if (done !== undefined && done <= rule.deadline) {
    return { ...empty(), lines: [line('note', P.ZERO, [f.id], 'deadline.met', { deadline: rule.deadline, date: done })] };
  }
  return { ...empty(), deduction: rule.amount, lines: [line('deduction', P.neg(rule.amount), [f.id], 'deadline.missed', { deadline: rule.deadline, date: done ?? '', amount: (rule.amount) })] };
}

/** P16: points in proportion to actual/target, capped at 100% unless over-completion is allowed. */
export function evalProportional(rule: ProportionalRule, ctx: RuleContext): RuleOutcome {
  const pts = rule.points ?? ctx.points;
  if (pts === undefined) return pending('proportional.no-points');
  const m = readMetric(rule.metric ?? { of: 'value' }, ctx.facts);
  if (!m) return pending('metric.missing', { metric: (rule.metric ?? { of: 'value' }).of });
  let target: Dec;
  const facts = [...m.facts];
  if (rule.target === undefined || rule.target === 'target') {
    const t = targetValue(ctx, rule.figure);
    if (!t) return pending('target.missing', { figure: rule.figure ?? '' });
    target = t.value;
    facts.push(...t.facts);
  } else target = rule.target;
  if (target === 0) return pending('proportional.zero-target', {}, facts);
  const over = m.value > target && !rule.allowOver;
  const actual = over ? target : m.value;
  const earned = P.mulDiv(pts, actual, target);
  const out = empty();
  const params = { actual: (m.value), target: (target), points: (pts), earned: (earned), capped: over ? 1 : 0, exact: P.isExactMulDiv(pts, actual, target) ? 1 : 0 };
  if (rule.effect === 'score') {
    applyEffect(out, 'score', earned, facts, 'proportional.score', params);
    // Over-completion the scheme allows is not cut back to the points here; the indicator's
    // ceiling (its points by default, or an explicit higher/null ceiling) decides what stays.
    return scoreWithin(out, rule.allowOver ? undefined : pts);
  }
  const d = P.max(P.ZERO, P.sub(pts, earned));
  applyEffect(out, 'deduction', d, facts, 'proportional.deduction', { ...params, deduction: (d) });
  applyCapAndMinimum(out, 'deduction', rule.cap, rule.minimum);
  return out;
}

/** P20: rate × weight, (1 − rate) × weight, with offset, clamp and the rounding the source states. */
export function evalRateFormula(rule: RateFormulaRule, ctx: RuleContext): RuleOutcome {
  const f = firstOf(ctx.facts, 'rate');
  if (!f) return pending('metric.missing', { metric: 'rate' });
  let num = f.numerator;
  if (rule.subtractFromNumerator) num = P.sub(num, f.parts?.[rule.subtractFromNumerator] ?? P.ZERO);
  const out = empty();
  if (f.denominator === 0) {
    out.lines.push(line('note', P.ZERO, [f.id], 'rate.zero-denominator', {}));
    if (rule.effect === 'score') out.score = P.ZERO;
    return out;
  }
  // rate in [0,1] as a decimal; weight applied with one rounding.
  let value = P.mulDiv(num, rule.weight, f.denominator);
  if (rule.invert) value = P.sub(rule.weight, value);
  if (rule.offset !== undefined) value = P.add(value, P.mul(rule.offset, rule.weight));
  const raw = value;
  value = P.clamp(value, rule.floor ?? P.ZERO, rule.ceiling ?? rule.weight);
  if (rule.decimals !== undefined) value = P.round(value, rule.decimals, rule.rounding ?? 'half-up');
  const params = {
    numerator: (num),
    denominator: (f.denominator),
    weight: (rule.weight),
    invert: rule.invert ? 1 : 0,
    offset: rule.offset ? (rule.offset) : '',
    raw: (raw),
    result: (value),
    decimals: rule.decimals ?? '',
  };
  if (rule.effect === 'score') applyEffect(out, 'score', value, [f.id], 'rate.score', params);
  else applyEffect(out, 'deduction', value, [f.id], 'rate.deduction', params);
  if (raw !== value && rule.decimals === undefined) markClamped(out);
  return out;
}

/** P47: Σ weight_g × satisfaction_g%. Missing rater groups leave the clause pending. */
export function evalSurvey(rule: SurveyRule, ctx: RuleContext): RuleOutcome {
  const byGroup = new Map(factsOf(ctx.facts, 'survey').map((f) => [f.group, f]));
  const missing = Object.keys(rule.groups).filter((g) => !byGroup.has(g));
  if (missing.length > 0) return pending('survey.missing', { groups: missing.join('、') });
  const out = empty();
  out.score = P.ZERO;
  for (const [g, w] of Object.entries(rule.groups)) {
    const f = byGroup.get(g)!;
    const part = P.mulDiv(w, f.value, P.HUNDRED);
    out.score = P.add(out.score, part);
    out.lines.push(line('score', part, [f.id], 'survey.group', { group: g, weight: (w), value: (f.value), part: (part) }));
  }
  if (rule.decimals !== undefined) {
    const r = P.round(out.score, rule.decimals);
    if (r !== out.score) out.lines.push(line('round', P.sub(r, out.score), [], 'rule.round', { decimals: rule.decimals }));
    out.score = r;
  }
  return scoreWithin(out, ctx.points);
}
