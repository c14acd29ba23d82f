import { add, type Dec, dec, indexScheme, pointsFor, readsOf, ruleEffect, type Scheme, type SchemeIndex, sub, toStr, type Unit } from '@kaohe/core';
import { separateLeadsOf } from '@kaohe/office/export';
import { AppError } from '../lib/app-error';

/**
 * What the scheme says about a ref (a clause, or a leaf indicator scored without a rule): how it is
 * scored, whether it reads a judgement, and its points for one unit. Judgements are checked here
 * before they are stored, and turned into the judgement facts the core reads.
 */
export type JudgementKind = 'score' | 'deduction' | 'bonus';

export type RefInfo = {
  key: string;
  kind: 'clause' | 'indicator';
  title: string;
  effect: 'score' | 'deduction' | 'bonus' | 'zero' | null;
  /** How many judgements the rule reads: one (manual, completion, a leaf…), all of them (P06), none. */
  judgements: 'one' | 'many' | null;
  /** Bounds of one judgement for a unit, and of the sum of its judgements (P06 with several). */
  bounds: (unit: Unit) => { min: Dec | undefined; max: Dec | undefined; total: Dec | undefined };
};

const indexes = new WeakMap<Scheme, SchemeIndex>();
export function schemeIndexOf(scheme: Scheme): SchemeIndex {
  let index = indexes.get(scheme);
  if (!index) indexes.set(scheme, (index = indexScheme(scheme)));
  return index;
}

export function refInfo(scheme: Scheme, key: string): RefInfo | null {
  const index = schemeIndexOf(scheme);
  const site = index.clauses.get(key);
  if (site) {
    const { clause, indicator } = site;
    const rule = clause.rule;
    const points = (unit: Unit) => clause.points ?? pointsFor(indicator, unit);
    return {
      key,
      kind: 'clause',
      title: clause.text,
      effect: ruleEffect(rule),
      judgements: readsOf(rule).get('judgement') ?? null,
      bounds: (unit) => {
        if (rule.kind === 'discretionary') return { min: rule.min, max: rule.max ?? points(unit), total: rule.cap ?? points(unit) };
        if (rule.kind === 'manual') return { min: undefined, max: rule.max ?? points(unit), total: undefined };
        if (rule.kind === 'completion') return { min: undefined, max: rule.points ?? points(unit), total: undefined };
        if (rule.kind === 'conversion' && rule.method.type === 'deduction-range') return { min: rule.method.min, max: rule.method.max, total: undefined };
        return { min: undefined, max: points(unit), total: undefined };
      },
    };
  }
  const node = index.indicators.get(key)?.indicator;
  if (!node) return null;
  const isLeaf = (node.children?.length ?? 0) === 0 && (node.clauses?.length ?? 0) === 0;
  return {
    key,
    kind: 'indicator',
    title: node.title,
    effect: isLeaf ? 'score' : null,
    judgements: isLeaf ? 'one' : null,
    bounds: (unit) => ({ min: undefined, max: pointsFor(node, unit), total: undefined }),
  };
}

/**
 * A task the importer split because its 牵头单位 cell said "A、B分别负责" (004:72) is reported line by
 * line: each line has its own lead, the task itself none. A report on the task is refused, naming
 * its lines, so that it never sits unverifiable in nobody's queue.
 */
export function assertNotSplitTask(scheme: Scheme, key: string): void {
  const node = schemeIndexOf(scheme).indicators.get(key)?.indicator;
  if (!node || !separateLeadsOf(node)) return;
  const lines = (node.children ?? []).map((c) => `“${c.code}”（${c.title}）`);
  throw new AppError('bad-request', `指标“${key}”（${node.title}）按“分别负责”拆为 ${lines.length} 条子任务，请按子任务分别报送：${lines.join('、')}`, {
    issues: [{ path: 'body.clauseKey', message: `“${key}”已拆为子任务 ${(node.children ?? []).map((c) => c.code).join('、')}` }],
  });
}

const kindText: Record<JudgementKind, string> = { score: '得分', deduction: '扣分', bonus: '加分' };
const pts = (d: Dec) => `${toStr(d)} 分`;

/**
 * Refuses a judgement the scheme cannot read or that is out of the ref's points, with a message
 * naming the clause (or indicator) and its points. `othersTotal` is the sum of the unit's other
 * current judgements on the ref (P06 reads them all and they share the clause's cap).
 */
export function checkJudgement(scheme: Scheme, unit: Unit, key: string, kind: JudgementKind, points: string, othersTotal: Dec): RefInfo {
  const info = refInfo(scheme, key);
  if (!info) throw new AppError('not-found', `方案中没有条款或指标“${key}”`);
  const name = `${info.kind === 'clause' ? '条款' : '指标'}“${key}”（${info.title.slice(0, 40)}）`;
  if (info.judgements === null) {
    if (info.kind === 'indicator') throw new AppError('bad-request', `${name}下设评分条款，请对其条款作出判定`);
    throw new AppError('bad-request', `${name}按所报事实计分，不读取评分判定；请报送或更正事实`);
  }
  const allowed: JudgementKind[] = info.effect === 'score' ? ['score', 'deduction'] : info.effect === 'deduction' ? ['deduction'] : info.effect === 'bonus' ? ['bonus'] : [];
  if (!allowed.includes(kind)) {
    throw new AppError('bad-request', `${name}为${info.effect === 'score' ? '得分项' : info.effect === 'bonus' ? '加分项' : '扣分项'}，不能作${kindText[kind]}判定（可用：${allowed.map((k) => kindText[k]).join('、') || '无'}）`);
  }
  const amount = dec(points);
  const { min, max, total } = info.bounds(unit);
  // 001's 省市驻佳单位 blocks other than 从严治党 have blank points (001:5309-5363): nothing to score
  if (info.kind === 'indicator' && max === undefined) throw new AppError('bad-request', `${name}在方案中没有${unit.name}的分值，不能评分；请先在方案中补充分值`);
  if (max !== undefined && amount > max) {
    const limit = info.effect === 'score' ? (kind === 'score' ? '满分' : '分值') : '最高';
    throw new AppError('bad-request', `${name}的${limit}为 ${pts(max)}，${kindText[kind]} ${pts(amount)}超出该分值`);
  }
  if (min !== undefined && amount < min) throw new AppError('bad-request', `${name}的${kindText[kind]}范围为 ${pts(min)}至 ${max === undefined ? '' : pts(max)}，${pts(amount)}低于下限`);
  if (total !== undefined && info.judgements === 'many' && add(othersTotal, amount) > total) {
    throw new AppError('bad-request', `${name}的分值为 ${pts(total)}，已有判定合计 ${pts(othersTotal)}，再${kindText[kind]} ${pts(amount)}将超出该分值`);
  }
  return info;
}

/**
 * The amount the core reads for a stored judgement: a deduction on a scored ref (得分项扣分)
 * becomes the score left after it; every other kind is the amount in the ref's own direction.
 */
export function judgedAmount(info: RefInfo, unit: Unit, kind: string, points: string): { amount: string; reason: (text: string) => string } {
  if (kind === 'deduction' && info.effect === 'score') {
    const max = info.bounds(unit).max;
    if (max !== undefined) {
      const left = sub(max, dec(points));
      return { amount: toStr(left < 0 ? dec('0') : left), reason: (text) => `扣 ${points} 分：${text}` };
    }
  }
  return { amount: points, reason: (text) => text };
}
