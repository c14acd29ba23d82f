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
  const th = findThresholds(ctx.original, ctx.toks, seg.condFrom, seg.condTo).filter((t) => !isTimeTok(t.tok) && t.tok.q.unit !== '分');
  const rangeTok = ctx.toks.slice(seg.condFrom, seg.condTo).find((t): t is NumTok => t.kind === 'num' && t.q.range !== undefined && t.q.unit !== '分' && t.q.unit !== '名' && t.q.unit !== '位');
  const cond = condText(ctx, seg);
  const incl = /[（(]含([^）)]*)[）)]/.exec(cond);
  if (rangeTok && th.length === 0) {
    const r = rangeTok.q.range!;
    const hiExplicit = incl !== null && (incl[1] === '' || incl[1]!.includes(rangeTok.raw.split(/[-—–－~～至到]/)[1]!.replace(/[^\d.]/g, '')));
    return { lo: { v: r.min, incl: false, explicit: false }, hi: { v: r.max, incl: hiExplicit, explicit: hiExplicit }, phrase: cond };
  }
  if (th.length !== 1) return null;
  const t: Threshold = th[0]!;
  const explicit = incl !== null;
  const inclusive = explicit ? true : t.inclusive;
  return t.direction === 'below'
    ? { hi: { v: t.value, incl: inclusive, explicit }, phrase: t.phrase }
    : { lo: { v: t.value, incl: inclusive, explicit }, phrase: t.phrase };
}

/** Two or more band segments: 低于60%的扣0.05分,低于55%的扣0.1分,低于50%的不得分. */
export function buildBands(ctx: SentenceCtx, segs: Segment[], i: number): Built | Failed | null {
  const run: BandSeg[] = [];
  for (let j = i; j < segs.length; j++) {
    const seg = segs[j]!;
    if (!['fixed', 'no-score'].includes(seg.amount.type)) break;
    if (findStep(ctx.toks, seg.condFrom, seg.condTo) || findShortfall(ctx.toks, seg.condFrom, seg.condTo) || findCount(ctx.toks, seg.condFrom, seg.condTo)) break;
    const b = bandBounds(ctx, seg);
    if (!b) break;
    run.push({ seg, ...b });
  }
  if (run.length < 2) return null;
  const verbs = run.map((r) => (r.seg.amount.type === 'fixed' ? r.seg.amount.verb : undefined)).filter((v): v is Verb => v !== undefined);
  const verb: Verb = verbs[0] ?? 'deduct';
  const effect = scoreEffectOf(verb);
  const params: RuleParam[] = [];
  // Nested one-sided bands (低于60…低于55…低于50): each band runs to the next edge.
  const allBelow = run.every((r) => r.hi && !r.lo);
  const allAbove = run.every((r) => r.lo && !r.hi);
  const bands: Band[] = [];
  const review: string | undefined = undefined;
  for (const r of run) {
    let amount: Dec;
    if (r.seg.amount.type === 'fixed') amount = r.seg.amount.value;
    else if (effect === 'score') amount = P.ZERO;
    else if (ctx.points !== undefined) amount = ctx.points;
    else return { segs: run.map((x) => x.seg), reason: '“不得分”档需要本项分值才能换算为扣分' };
    const band: Band = { amount };
    let lo = r.lo;
    let hi = r.hi;
    if (allBelow || allAbove) {
      const edge = (allBelow ? r.hi : r.lo)!;
      const others = run.map((x) => (allBelow ? x.hi : x.lo)!).filter((e) => (allBelow ? e.v < edge.v : e.v > edge.v));
      const nearest = others.sort((x, y) => (allBelow ? y.v - x.v : x.v - y.v))[0];
      if (nearest) {
        if (allBelow) lo = { v: nearest.v, incl: !nearest.incl, explicit: false };
        else hi = { v: nearest.v, incl: !nearest.incl, explicit: false };
      }
    }
    if (lo) {
      band.min = lo.v;
      band.minInclusive = lo.incl;
    }
    if (hi) {
      band.max = hi.v;
      band.maxInclusive = hi.incl;
    }
    band.label = r.phrase.replace(/^[，,、；;\s]+/, '');
    bands.push(band);
    params.push({ name: `band[${bands.length - 1}]`, value: `${lo ? (lo.incl ? '[' : '(') + P.toStr(lo.v) : '(-∞'},${hi ? P.toStr(hi.v) + (hi.incl ? ']' : ')') : '+∞)'}→${P.toStr(amount)}`, phrase: `${r.phrase}…${amountPhrase(ctx, r.seg)}` });
  }
  // Adjacent two-sided bands: an edge claimed by both sides goes to the band that says （含…）.
  for (let k = 0; k < bands.length; k++) {
    for (let m = 0; m < bands.length; m++) {
      const x = bands[k]!;
      const y = bands[m]!;
      if (k !== m && x.min !== undefined && x.min === y.max && (x.minInclusive ?? true) && (y.maxInclusive ?? false)) {
        const yExplicit = run[m]!.hi?.explicit ?? false;
        if (yExplicit) x.minInclusive = false;
        else y.maxInclusive = false;
      }
    }
  }
  // 以上/以下 include the figure (民法典第1259条) unless a neighbouring band claims it with （含…）.
  const firstTok = ctx.toks.slice(run[0]!.seg.condFrom, run[0]!.seg.condTo).find((t): t is NumTok => t.kind === 'num');
  const metric = firstTok ? metricFor(condText(ctx, run[0]!.seg), firstTok) : ({ of: 'value' } as Metric);
  const built: Built = { rule: { kind: 'bands', effect, metric, bands }, segs: run.map((r) => r.seg), params };
  return withReview(built, review);
}
