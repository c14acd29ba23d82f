import * as P from '../../points';
import type { Dec } from '../../points';
import type { Band, Metric } from '../../rules/rule.types';
import type { RuleParam } from '../compile.types';
import { condText, amountPhrase, metricFor, withReview, scoreEffectOf, isTimeTok, type Built, type Failed, type Segment, type SentenceCtx } from '../build-rules';
import { num } from '../grammar';
import { findCount, findShortfall, findStep, findThresholds, type Threshold, type Verb } from '../phrases';
import type { NumTok } from '../rule-tokens';

type BandSeg = { seg: Segment; lo?: { v: Dec; incl: boolean; explicit: boolean }; hi?: { v: Dec; incl: boolean; explicit: boolean }; phrase: string };

/** Bounds a band condition states: 低于60% / 50%以下 / 5亿元-10亿元（含10亿元） / 10亿元以上. */
function bandBounds(ctx: SentenceCtx, seg: Segment): Omit<BandSeg, 'seg'> | null {
  const thresholds = findThresholds(ctx.original, ctx.toks, seg.condFrom, seg.condTo).filter((token) => !isTimeTok(token.tok) && token.tok.q.unit !== '分');
  const rangeTok = ctx.toks.slice(seg.condFrom, seg.condTo).find((token): token is NumTok => token.kind === 'num' && token.q.range !== undefined && token.q.unit !== '分' && token.q.unit !== '名' && token.q.unit !== '位');
  const cond = condText(ctx, seg);
  const incl = /[（(]含([^）)]*)[）)]/.exec(cond);
  if (rangeTok && thresholds.length === 0) {
    const entry = rangeTok.q.range!;
    const hiExplicit = incl !== null && (incl[1] === '' || incl[1]!.includes(rangeTok.raw.split(/[-—–－~～至到]/)[1]!.replace(/[^\d.]/g, '')));
    return { lo: { v: entry.min, incl: false, explicit: false }, hi: { v: entry.max, incl: hiExplicit, explicit: hiExplicit }, phrase: cond };
  }
  if (thresholds.length !== 1) return null;
  const tokenHere: Threshold = thresholds[0]!;
  const explicit = incl !== null;
  const inclusive = explicit ? true : tokenHere.inclusive;
  return tokenHere.direction === 'below'
    ? { hi: { v: tokenHere.value, incl: inclusive, explicit }, phrase: tokenHere.phrase }
    : { lo: { v: tokenHere.value, incl: inclusive, explicit }, phrase: tokenHere.phrase };
}

/** Two or more band segments: 低于60%的扣0.05分,低于55%的扣0.1分,低于50%的不得分. */
export function buildBands(ctx: SentenceCtx, segs: Segment[], i: number): Built | Failed | null {
  const run: BandSeg[] = [];
  for (let j = i; j < segs.length; j++) {
    const seg = segs[j]!;
    if (!['fixed', 'no-score'].includes(seg.amount.type)) break;
    if (findStep(ctx.toks, seg.condFrom, seg.condTo) || findShortfall(ctx.toks, seg.condFrom, seg.condTo) || findCount(ctx.toks, seg.condFrom, seg.condTo)) break;
    const reading = bandBounds(ctx, seg);
    if (!reading) break;
    run.push({ seg, ...reading });
  }
  if (run.length < 2) return null;
  const verbs = run.map((entry) => (entry.seg.amount.type === 'fixed' ? entry.seg.amount.verb : undefined)).filter((verb): verb is Verb => verb !== undefined);
  const verb: Verb = verbs[0] ?? 'deduct';
  const effect = scoreEffectOf(verb);
  const params: RuleParam[] = [];
  // Nested one-sided bands (低于60…低于55…低于50): each band runs to the next edge.
  const allBelow = run.every((entry) => entry.hi && !entry.lo);
  const allAbove = run.every((entry) => entry.lo && !entry.hi);
  const bands: Band[] = [];
  const review: string | undefined = undefined;
  for (const record of run) {
    let amount: Dec;
    if (record.seg.amount.type === 'fixed') amount = record.seg.amount.value;
    else if (effect === 'score') amount = P.ZERO;
    else if (ctx.points !== undefined) amount = ctx.points;
    else return { segs: run.map((entry) => entry.seg), reason: '“不得分”档需要本项分值才能换算为扣分' };
    const band: Band = { amount };
    let lower = record.lo;
    let upper = record.hi;
    if (allBelow || allAbove) {
      const edge = (allBelow ? record.hi : record.lo)!;
      const others = run.map((entry) => (allBelow ? entry.hi : entry.lo)!).filter((element) => (allBelow ? element.v < edge.v : element.v > edge.v));
      const nearest = others.sort((left, right) => (allBelow ? right.v - left.v : left.v - right.v))[0];
      if (nearest) {
        if (allBelow) lower = { v: nearest.v, incl: !nearest.incl, explicit: false };
        else upper = { v: nearest.v, incl: !nearest.incl, explicit: false };
      }
    }
    if (lower) {
      band.min = lower.v;
      band.minInclusive = lower.incl;
    }
    if (upper) {
      band.max = upper.v;
      band.maxInclusive = upper.incl;
    }
    band.label = record.phrase.replace(/^[，,、；;\s]+/, '');
    bands.push(band);
    params.push({ name: `band[${bands.length - 1}]`, value: `${lower ? (lower.incl ? '[' : '(') + P.toStr(lower.v) : '(-∞'},${upper ? P.toStr(upper.v) + (upper.incl ? ']' : ')') : '+∞)'}→${P.toStr(amount)}`, phrase: `${record.phrase}…${amountPhrase(ctx, record.seg)}` });
  }
  // Adjacent two-sided bands: an edge claimed by both sides goes to the band that says （含…）.
  for (let k = 0; k < bands.length; k++) {
    for (let found = 0; found < bands.length; found++) {
      const other = bands[k]!;
      const otherEntry = bands[found]!;
      if (k !== found && other.min !== undefined && other.min === otherEntry.max && (other.minInclusive ?? true) && (otherEntry.maxInclusive ?? false)) {
        const yExplicit = run[found]!.hi?.explicit ?? false;
        if (yExplicit) other.minInclusive = false;
        else otherEntry.maxInclusive = false;
      }
    }
  }
  // 以上/以下 include the figure (民法典第1259条) unless a neighbouring band claims it with （含…）.
  const firstTok = ctx.toks.slice(run[0]!.seg.condFrom, run[0]!.seg.condTo).find((token): token is NumTok => token.kind === 'num');
  const metric = firstTok ? metricFor(condText(ctx, run[0]!.seg), firstTok) : ({ of: 'value' } as Metric);
  const built: Built = { rule: { kind: 'bands', effect, metric, bands }, segs: run.map((entry) => entry.seg), params };
  return withReview(built, review);
}
