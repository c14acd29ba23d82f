import { z } from 'zod';

const localeDefault = z.locales.zhCN().localeError;
/** True when the schema gave its own message (kept as written) rather than the locale's default. */
function isCustomMessage(issue: z.core.$ZodIssue): boolean {
  const d = localeDefault(issue as never);
  const text = typeof d === 'string' ? d : d?.message;
  return text !== undefined && text !== issue.message;
}

/**
 * zod's issues in plain Chinese, naming the field and what it should be ("缺少必填字段 category：
 * 单位类别的编码，须是 unitCategories 中某一项的 code"), instead of the locale's
 * "无效输入：期望 string，实际接收 undefined".
 */
const TYPE_WORDS: Record<string, string> = {
  string: '文字',
  number: '数字',
  int: '整数',
  boolean: 'true 或 false',
  array: '列表（- 开头的多行，或 [a, b]）',
  object: '键值表（字段: 值）',
  record: '键值表（字段: 值）',
  date: '日期',
  null: '空值',
  bigint: '整数',
};

/** What some fields mean and what else they need, for "missing field" messages. */
const FIELD_HINTS: Record<string, string> = {
  formatVersion: '方案格式版本，目前写 1',
  code: '编码（在同类中唯一，如 town1、c1）',
  name: '名称',
  title: '标题',
  year: '考核年度，如 2020',
  category: '单位类别的编码，须是 unitCategories 中某一项的 code（例如先写 unitCategories: [{code: town, name: 镇}]，再写 category: town）',
  kind: '规则类型（见 docs/scheme-format.md“规则”一节）',
  text: '条款原文',
  unit: '单位编码（方案 units 中的 code）',
  ref: '条款、指标、负面清单或一票否决的编码',
  type: '事实类型：occurrence、flag、count、rate、value、judgement 之一',
  amount: '分值（数字，如 0.5）',
  points: '分值（数字）',
  numerator: '分子（数字）',
  denominator: '分母（数字）',
  value: '数值',
  effects: '否决的后果列表（至少一项）',
  grades: '等次列表（如 优秀、良好、一般、较差）',
};

function describeInput(input: unknown): string {
  if (input === undefined) return '没有填写';
  if (input === null) return '空值';
  if (Array.isArray(input)) return '一个列表';
  if (typeof input === 'object') return '一个键值表';
  if (typeof input === 'string') return `文字“${input.length > 30 ? `${input.slice(0, 30)}…` : input}”`;
  if (typeof input === 'boolean') return String(input);
  return `${typeof input === 'number' ? '数字 ' : ''}${String(input)}`;
}

const words = (t: string): string => TYPE_WORDS[t] ?? t;

/** The plain Chinese message of one zod issue; `field` is the last key of its path. */
export function plainIssueMessage(issue: z.core.$ZodIssue, field: string | undefined): string {
  const name = field ? `“${field}”` : '此项';
  if (issue.code !== 'invalid_type' && issue.code !== 'invalid_union' && isCustomMessage(issue)) return issue.message;
  switch (issue.code) {
    case 'invalid_type': {
      const input = (issue as { input?: unknown }).input;
      if (input === undefined && field !== undefined) {
        const hint = FIELD_HINTS[field];
        return `缺少必填字段 ${field}${hint ? `：${hint}` : `（应为${words(issue.expected)}）`}`;
      }
      return `${name}应为${words(issue.expected)}，实际是${describeInput(input)}`;
    }
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? `${name}不能为空` : `${name}至少 ${min} 个字`;
      if (issue.origin === 'array' || issue.origin === 'set') return `${name}至少要有 ${min} 项`;
      return `${name}应${issue.inclusive ? '不小于' : '大于'} ${min}`;
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return `${name}过长（最多 ${max} 个字）`;
      if (issue.origin === 'array' || issue.origin === 'set') return `${name}最多 ${max} 项`;
      return `${name}应${issue.inclusive ? '不大于' : '小于'} ${max}`;
    }
    case 'invalid_value':
      return `${name}应为 ${issue.values.map((v) => String(v)).join('、')} 之一${'input' in issue ? `，实际是${describeInput((issue as { input?: unknown }).input)}` : ''}`;
    case 'invalid_format':
      return issue.message && !/^无效/.test(issue.message) ? `${name}：${issue.message}` : `${name}格式不正确（应为 ${issue.format}）`;
    case 'not_multiple_of':
      return `${name}应为 ${String(issue.divisor)} 的整数倍`;
    case 'invalid_key':
      return `${name}中有无效的键`;
    case 'invalid_element':
      return `${name}中有无效的项`;
    default:
      return issue.message;
  }
}
