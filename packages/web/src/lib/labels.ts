import { isRuleKind, ruleKindNames, ruleKinds } from '@kaohe/contract/api';
import type { JudgementDto } from '@kaohe/contract/api/work';

/**
 * The Chinese a person reads for the codes the API sends: rule kinds (from the contract's one map,
 * kept equal to what core's describeRule writes) and judgement kinds. No screen shows `manual`.
 */
export const ruleKindLabel = (kind: unknown): string => (typeof kind === 'string' && isRuleKind(kind) ? ruleKindNames[kind] : typeof kind === 'string' && kind ? `未知规则类型 ${kind}` : '未设定');

/** The rule kind select's options: Chinese label, the code as the value (and in the hover title). */
export const ruleKindOptions = ruleKinds.map((kind) => ({ value: kind, label: ruleKindNames[kind], title: kind }));

export const judgementKindNames: Record<JudgementDto['kind'], string> = { deduction: '扣分', score: '得分', bonus: '加分', judgement: '判定' };
export const judgementStatusNames: Record<JudgementDto['status'], string> = { current: '有效', withdrawn: '已撤回' };
/** A judgement's effect on the total, signed (a deduction is negative). */
export const judgementAmount = (j: Pick<JudgementDto, 'kind' | 'points'>) => (j.kind === 'deduction' && !j.points.startsWith('-') && !/^0(\.0+)?$/.test(j.points) ? `-${j.points}` : j.points);
