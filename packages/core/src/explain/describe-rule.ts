import { toStr, type Dec } from '../points';
import type { Band, Metric, Rule, Tiers } from '../rules/rule.types';
import { ruleKindNamesZh } from './rule-kind-names';

export { ruleKindNamesZh };

/**
 * A typed rule in plain Chinese, for a person checking what the compiler (or an editor) made of a
 * clause. It only restates the rule's own fields (amounts, thresholds, caps, edge choices): it
 * never guesses what the source text meant, so a rule that reads wrongly here is wrong in the rule,
 * not in this text.
 */

const effectZh = { score: '得分', deduction: '扣', bonus: '加' } as const;
const points = (d: Dec | undefined): string => (d === undefined ? '' : `${toStr(d)} 分`);
const num = (d: Dec | number | undefined): string => (d === undefined ? '' : typeof d === 'number' && !Number.isInteger(d) ? String(d) : toStr(d as Dec));
const dimensionZh: Record<Tiers['by'], string> = { level: '级别', severity: '程度', rank: '职级', role: '角色', variant: '情形', type: '类型' };
const stepRoundingZh = { floor: '不足一级不计', ceil: '不足一级按一级计', exact: '按实际比例计' } as const;

function metricZh(m: Metric): string {
  switch (m.of) {
    case 'value':
      return '数值';
    case 'rate':
      return m.percent === false ? '比率' : '比率（%）';
    case 'change':
      return m.baseline === 'average' ? '与平均值相比的增减' : '与上年相比的增减';
    case 'sub-score':
      return '专项得分';
    case 'count':
      return '数量';
    case 'rank':
      return '名次';
  }
}

function tiersZh(t: Tiers, verb: string): string {
  const list = Object.entries(t.amounts).map(([k, v]) => `${k} ${verb} ${points(v)}`);
  const other = t.otherwise === undefined ? '，未列出的需复核' : `，其他 ${verb} ${points(t.otherwise)}`;
  return `按${dimensionZh[t.by]}：${list.join('、')}${other}`;
}

function bandZh(b: Band): string {
  const lo = b.min === undefined ? '' : `${b.minInclusive === false ? '高于' : '不低于'} ${toStr(b.min)}`;
  const hi = b.max === undefined ? '' : `${b.maxInclusive === true ? '不高于' : '低于'} ${toStr(b.max)}`;
  const range = [lo, hi].filter(Boolean).join(' 且 ') || '任意值';
  return `${b.label ? `${b.label}（${range}）` : range}：${b.judgement ? '视情打分' : points(b.amount)}`;
}

function capsZh(r: { cap?: Dec; minimum?: Dec }, verb: string): string[] {
  const out: string[] = [];
  if (r.cap !== undefined) out.push(`最多${verb} ${points(r.cap)}`);
  if (r.minimum !== undefined) out.push(`一经${verb}分至少${verb} ${points(r.minimum)}`);
  return out;
}

/** The sentences of one rule, in Chinese (each a short clause of its own). */
export function describeRuleParts(rule: Rule): string[] {
  switch (rule.kind) {
    case 'per-occurrence': {
      const verb = effectZh[rule.effect];
      const per = rule.per && rule.per > 1 ? `每 ${rule.per} 次` : '每次';
      const parts = [rule.tiers ? `${per}${tiersZh(rule.tiers, verb)}` : `${per}${verb} ${points(rule.amount)}`];
      if (rule.double) parts.push(`带“${rule.double.flag}”标记的按 ${rule.double.factor ?? 2} 倍计`);
      if (rule.dedupe) parts.push('同一事项只计一次（取最高）');
      if (rule.highestOnly) parts.push('只计最高的一项');
      if (rule.countDistinct) parts.push('按不同对象计数');
      if (rule.minRepeat) parts.push(`同一事项第 ${rule.minRepeat} 次起才计`);
      if (rule.overLimit !== undefined) parts.push(`时长超过 ${toStr(rule.overLimit)} 的才计`);
      if (rule.periodCap) parts.push(`每${rule.periodCap.period === 'month' ? '月' : '季度'}最多${verb} ${points(rule.periodCap.amount)}`);
      if (rule.exempt) parts.push(`${rule.exempt.when}的不${verb}（事实带“${rule.exempt.flag}”标记）`);
      return [...parts, ...capsZh(rule, verb)];
    }
    case 'condition': {
      const verb = effectZh[rule.effect];
      return [rule.tiers ? `情形成立时${tiersZh(rule.tiers, verb)}` : `情形成立时${verb} ${points(rule.amount)}`, ...capsZh(rule, verb)];
    }
    case 'discretionary': {
      const range = rule.max === undefined ? `至少 ${points(rule.min)}，上限为本项分值` : `${toStr(rule.min)}–${toStr(rule.max)} 分`;
      const verb = rule.effect === 'score' ? '评定得分' : `酌情${effectZh[rule.effect]}分`;
      return [`由考核人员${verb}：${range}`, ...(rule.perOccurrence ? ['每次分别评定'] : []), ...(rule.cap !== undefined ? [`合计最多 ${points(rule.cap)}`] : [])];
    }
    case 'shortfall': {
      const required = rule.required === 'target' ? '目标数' : `${rule.required} 项`;
      const parts = [`应达 ${required}${rule.elements ? `（${rule.elements.join('、')}）` : ''}，每缺 1 项扣 ${points(rule.amount)}`];
      if (rule.noneAmount !== undefined) parts.push(`完全未开展的扣 ${points(rule.noneAmount)}`);
      if (rule.perSubject) parts.push('按每个对象分别计算');
      return [...parts, ...capsZh(rule, '扣')];
    }
    case 'threshold-steps': {
      const threshold = rule.threshold === 'target' ? `目标值${rule.figure ? `（${rule.figure}）` : ''}` : toStr(rule.threshold);
      const side = rule.direction === 'below' ? '低于' : '高于';
      const verb = rule.effect === 'bonus' ? '加' : '扣';
      const parts = [`${metricZh(rule.metric)}${side} ${threshold}${rule.missAtThreshold ? '（等于也算未达）' : ''} 时`];
      if (rule.initial !== undefined) parts.push(`先${verb} ${points(rule.initial)}`);
      if (rule.step !== undefined && rule.perStep !== undefined) parts.push(`每${side} ${toStr(rule.step)} ${verb} ${points(rule.perStep)}（${stepRoundingZh[rule.stepRounding ?? 'floor']}）`);
      if (rule.judgementBeyond !== undefined) parts.push(`超出 ${toStr(rule.judgementBeyond)} 的视情打分`);
      if (rule.effect === 'score') parts.push('以本项分值减去扣分，最低 0 分');
      return [...parts, ...capsZh(rule, verb)];
    }
    case 'bands':
      return [`按${metricZh(rule.metric)}分档（${effectZh[rule.effect]}）`, ...rule.bands.map(bandZh), `不在任何档内：${points(rule.otherwise ?? (0 as Dec))}`];
    case 'lateness':
      return [`每逾期 1 ${{ day: '天', workday: '个工作日', month: '个月' }[rule.period]}扣 ${points(rule.amountPerPeriod)}`, ...capsZh(rule, '扣')];
    case 'deadline':
      return [`${rule.deadline}（含）前未完成的扣 ${points(rule.amount)}`];
    case 'proportional': {
      const target = rule.target === undefined || rule.target === 'target' ? `目标值${rule.figure ? `（${rule.figure}）` : ''}` : toStr(rule.target);
      const base = rule.points === undefined ? '本项分值' : points(rule.points);
      const main = rule.effect === 'score' ? `得分 = ${base} × 完成数 / ${target}` : `扣分 = ${base} × 未完成比例（相对 ${target}）`;
      return [main, rule.allowOver ? '超额完成可超过满分' : '完成比例最高按 100% 计', ...capsZh(rule, rule.effect === 'score' ? '得' : '扣')];
    }
    case 'completion':
      return [`完成得${rule.points === undefined ? '本项分值' : points(rule.points)}，未完成得 0 分`, ...(rule.allowPartial ? ['部分完成由考核人员评定'] : [])];
    case 'partial-credit':
      return [
        `完成得${rule.points === undefined ? '本项分值' : points(rule.points)}`,
        rule.mode === 'capped' ? `未完成按进度计分，最高 ${points(rule.incompleteCeiling)}` : `未完成得 ${points(rule.incompleteCeiling)} × 进度`,
      ];
    case 'any-of':
      if (rule.optionPoints) return [`取符合的最高一档，不相加：${rule.options.map((option, k) => `${option}得 ${points(rule.optionPoints![k])}`).join('；')}`];
      return [`达成以下任一项得${rule.points === undefined ? '本项分值' : points(rule.points)}：${rule.options.join('、')}`];
    case 'rate-formula': {
      const rate = rule.invert ? '(1 − 比率' : '(比率';
      const parts = [`${rule.effect === 'score' ? '得分' : '扣分'} = ${rate}${rule.offset !== undefined ? ` + ${toStr(rule.offset)}` : ''}) × ${toStr(rule.weight)}`];
      if (rule.subtractFromNumerator) parts.push(`分子先减去“${rule.subtractFromNumerator}”`);
      if (rule.floor !== undefined) parts.push(`最低 ${points(rule.floor)}`);
      if (rule.ceiling !== undefined) parts.push(`最高 ${points(rule.ceiling)}`);
      if (rule.decimals !== undefined) parts.push(`保留 ${rule.decimals} 位小数`);
      return parts;
    }
    case 'relative-to-best':
      return [`得分 = ${rule.base !== undefined ? `${toStr(rule.base)} + ` : ''}本单位${metricZh(rule.metric)} / 组内最优 × ${toStr(rule.weight)}`, '需要组内其他单位的数据'];
    case 'rank-bands':
      return [`按组内${metricZh(rule.metric)}${rule.order === 'desc' ? '从高到低' : '从低到高'}排名`, ...rule.bands.map((b) => `第 ${b.from}${b.to !== undefined && b.to !== b.from ? `–${b.to}` : ''} 名：${points(b.amount)}`), `其余：${points(rule.otherwise ?? (0 as Dec))}`];
    case 'external-rank': {
      const parts: string[] = [];
      if (rule.safeRank !== undefined) parts.push(`第 ${rule.safeRank} 名${rule.safeInclusive ? '及以前' : '以前'}不扣分`);
      if (rule.perPlace !== undefined) parts.push(`此后每后退 1 名扣 ${points(rule.perPlace)}`);
      if (rule.perPlaceByRole) parts.push(`按角色每名扣：${Object.entries(rule.perPlaceByRole).map(([k, v]) => `${k} ${points(v)}`).join('、')}`);
      if (rule.bottomZero) parts.push(`后 ${rule.bottomZero} 名该项不得分`);
      if (rule.topBonus) parts.push(`前 ${rule.topBonus.length} 名分别加 ${rule.topBonus.map((v) => toStr(v)).join('、')} 分`);
      if (rule.cap !== undefined) parts.push(`最多扣 ${points(rule.cap)}`);
      if (rule.fromBottom) parts.push(`倒数第 1${rule.fromBottom.scores.length > 1 ? `–${rule.fromBottom.scores.length}` : ''} 名分别计 ${rule.fromBottom.scores.map((v) => toStr(v)).join('、')} 分，此后每前进 1 名扣 ${points(rule.fromBottom.perPlaceUp)}`);
      return parts.length ? parts : ['按上级排名计分'];
    }
    case 'bottom-k':
      return [`组内${metricZh(rule.metric)}${rule.order === 'desc' ? '最低' : '最高'}的${rule.k !== undefined ? ` ${rule.k} 个单位` : ` ${num(rule.percent)}% 的单位`}扣 ${points(rule.amount)}`];
    case 'top-k':
      return [`组内${metricZh(rule.metric)}${rule.order === 'desc' ? '最高' : '最低'}的前 ${rule.amounts.length} 名分别加 ${rule.amounts.map((v) => toStr(v)).join('、')} 分`];
    case 'conversion':
      return [`${rule.from ? `专项考核“${rule.from}”` : '专项得分'}折算（${rule.method.type}）`, ...Object.entries(rule.method).filter(([k]) => k !== 'type' && k !== 'bands').map(([k, v]) => `${k}：${typeof v === 'number' ? toStr(v as Dec) : JSON.stringify(v)}`)];
    case 'accumulate':
      return [`累计积分：${Object.entries(rule.items).map(([k, v]) => `${k} 每项 ${points(v)}`).join('、')}`, ...(rule.cap !== undefined ? [`最多 ${points(rule.cap)}`] : [])];
    case 'zero':
      return [{ indicator: '情形成立时本项不得分', parent: '情形成立时上一级指标不得分', unit: '情形成立时总分为 0' }[rule.scope]];
    case 'survey':
      return [`满意度加权：${Object.entries(rule.groups).map(([k, v]) => `${k} 权重 ${toStr(v)}`).join('、')}`];
    case 'average':
      return [`取各子项得分的平均${rule.points !== undefined ? `，满分 ${points(rule.points)}` : ''}`];
    case 'manual':
      return [`由考核人员人工评定${rule.max !== undefined ? `，最多 ${points(rule.max)}` : ''}`, ...(rule.reason ? [`原因：${rule.reason}`] : [])];
  }
}

/** One line: the kind's name, then its sentences. */
export function describeRule(rule: Rule): string {
  // Graded options are not "任一项得满分": each option has its own points.
  const name = rule.kind === 'any-of' && rule.optionPoints ? '按情形择一计分' : ruleKindNamesZh[rule.kind];
  return `${name}：${describeRuleParts(rule).join('；')}`;
}

/**
 * A clause's rule with its rules by unit category (corpus 06): each category's rule on its own line,
 * then the rule every other category is scored by — so a person sees which rule a unit gets.
 */
export function describeClauseRule(clause: { rule: Rule; ruleByCategory?: Record<string, Rule>; afterZero?: boolean }): string {
  // 此项不得分，同时倒扣: said once, after the rule (or the rules by category).
  const after = clause.afterZero === true ? ['扣分时本项先计零（此项不得分），再倒扣，可低于零分'] : [];
  const byCategory = Object.entries(clause.ruleByCategory ?? {});
  if (byCategory.length === 0) return [describeRule(clause.rule), ...after].join('\n');
  const lines = byCategory.map(([category, rule]) => `单位类别“${category}”：${describeRule(rule)}`);
  const fallback = clause.rule.kind === 'manual' ? '其他单位类别：没有对应规则，需人工复核' : `其他单位类别：${describeRule(clause.rule)}`;
  return [...lines, fallback, ...after].join('\n');
}
