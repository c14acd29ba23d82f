import * as P from '../../points';
import type { Rule } from '../../rules/rule.types';
import type { RuleParam } from '../compile.types';
import { phraseOf, condText, amountPhrase, tokPhrase, metricFor, type Built, type Segment, type SentenceCtx } from '../build-rules';
import { num } from '../grammar';
import { findStep, findThresholds } from '../phrases';
import type { NumTok } from '../rule-tokens';

/** 95%（含）以上为满分，95%至80%（含）每降1%扣0.5分，80%以下视情打分 (P47, 003:1902). */
export function buildFullThenSteps(ctx: SentenceCtx, segs: Segment[], i: number): Built | null {
  const full = segs[i]!;
  const steps = segs[i + 1];
  if (full.amount.type !== 'full' || !steps || steps.amount.type !== 'fixed') return null;
  const top = ctx.toks.slice(full.condFrom, full.condTo).find((token): token is NumTok => token.kind === 'num' && token.q.percent !== undefined && !token.q.range);
  const step = findStep(ctx.toks, steps.condFrom, steps.condTo);
  // 95%以上为满分 states the top; so does 增长5%的得满分 / 达到95%的得满分 when the steps go down from it
  // (每少1个百分点扣…): read apart, the completion scored 0 below the figure and the steps came off that 0.
  if (!top || !step || (!/以上/.test(condText(ctx, full)) && step.direction !== 'below')) return null;
  const params: RuleParam[] = [
    { name: 'threshold', value: P.toStr(top.q.value), phrase: condText(ctx, full).trim() + amountPhrase(ctx, full) },
    { name: 'step', value: P.toStr(step.step.q.value), phrase: phraseOf(ctx, step.at, step.next) },
    { name: 'perStep', value: P.toStr(steps.amount.value), phrase: amountPhrase(ctx, steps) },
  ];
  const rule: Rule = {
    kind: 'threshold-steps',
    effect: 'score',
    metric: metricFor(condText(ctx, full), top),
    threshold: top.q.value,
    direction: 'below',
    step: step.step.q.value,
    perStep: steps.amount.value,
  };
  const stepBand = ctx.toks.slice(steps.condFrom, steps.condTo).find((token): token is NumTok => token.kind === 'num' && token.q.range !== undefined);
  if (stepBand) params.push({ name: 'stepBand', value: `${P.toStr(stepBand.q.range!.min)}-${P.toStr(stepBand.q.range!.max)}`, phrase: tokPhrase(ctx, stepBand) });
  const used = [full, steps];
  const judge = segs[i + 2];
  if (judge && judge.amount.type === 'discretion') {
    const j = findThresholds(ctx.original, ctx.toks, judge.condFrom, judge.condTo)[0];
    if (j) {
      rule.judgementBeyond = j.value;
      params.push({ name: 'judgementBeyond', value: P.toStr(j.value), phrase: `${j.phrase}${amountPhrase(ctx, judge)}` });
      used.push(judge);
    }
  }
  return { rule, segs: used, params };
}
