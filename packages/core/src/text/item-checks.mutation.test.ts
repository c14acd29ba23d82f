/**
 * Mutation tests of text/item-checks.ts (docs/testing.md, eighth session): the checks over the rules one item
 * compiled to — an otherwise absorbed by the allocation before it, a step that takes its threshold from the
 * sentence before, several positive allocations (alternatives, stacked increments, graded options, review),
 * situations across items, and item policies found twice. Rules are built by hand over sentences written for
 * this test, so each check sees exactly the rules it is about.
 */
import { describe, expect, it } from 'vitest';
import * as P from '../points';
import { dec } from '../points';
import type { Dec } from '../points';
import type { Rule } from '../rules/rule.types';
import type { CompileIssue, CompileResult, CompiledRule, RuleParam } from './compile.types';
import { absorbOtherwise, checkScoreAlternatives, checkSituationsAcrossItems, mergePolicy, stepWithoutThreshold } from './item-checks';
import { tokenize } from './rule-tokens';
import { compileRuleText } from './compile-rule';

type Range = { start: number; end: number };
type Indicator = NonNullable<CompileResult['indicator']>;
type Reported = { entry: Range; reason: string; extra?: Partial<CompileIssue> };

/** The rule read from `text`, which must occur once in `original`. */
function at(original: string, text: string, rule: Rule, params: RuleParam[] = []): CompiledRule {
  const start = original.indexOf(text);
  expect(start).toBeGreaterThanOrEqual(0);
  expect(original.indexOf(text, start + 1)).toBe(-1);
  return { rule, text, span: [start, start + text.length], params };
}

const pointsParam = (value: string): RuleParam => ({ name: 'points', value, phrase: `得${value}分` });

/** A situation earning its own points ("…的，得N分"). */
const earning = (original: string, text: string, points: string, params: RuleParam[] = [pointsParam(points)]): CompiledRule =>
  at(original, text, { kind: 'completion', points: dec(points) }, params);

/** A situation earning the item's points by category ("…的，产区得a分，非产区得b分"). */
function byCategory(original: string, text: string, map: Record<string, string>): CompiledRule {
  const params = Object.entries(map).map(([category, value]) => ({ name: `pointsByCategory.${category}`, value, phrase: `${category}…得${value}分` }));
  return at(original, text, { kind: 'completion' }, params);
}

const judgedRule = (original: string, text: string, effect: 'deduction' | 'score', max?: string): CompiledRule =>
  at(original, text, { kind: 'discretionary', effect, min: P.ZERO, ...(max !== undefined ? { max: dec(max) } : {}) });

const zeroRule = (original: string, text: string): CompiledRule =>
  at(original, text, { kind: 'zero', scope: 'indicator' }, [{ name: 'scope', value: 'indicator', phrase: '不得分' }]);

function collector(): { issues: Reported[]; issue: (entry: Range, reason: string, extra?: Partial<CompileIssue>) => void } {
  const issues: Reported[] = [];
  return { issues, issue: (entry, reason, extra) => void issues.push(extra === undefined ? { entry, reason } : { entry, reason, extra }) };
}

const spanOf = (first: CompiledRule, last: CompiledRule): Range => ({ start: first.span[0], end: last.span[1] });
const bothReadings = (rules: CompiledRule[]) => [
  { family: 'additive', rules: rules.map((entry) => entry.rule) },
  { family: 'one-of', rules: rules.map((entry) => entry.rule) },
];

describe('absorbOtherwise: a 否则 sentence after a completion', () => {
  it('a judged 否则酌情扣分 after a completion with points makes the completion partial and is dropped', () => {
    const original = '（一）按时完成年度整治任务的，得2分；否则酌情扣分。';
    const done = earning(original, '按时完成年度整治任务的，得2分', '2');
    const judged = judgedRule(original, '否则酌情扣分', 'deduction');
    const rules = [done, judged];
    absorbOtherwise(original, rules);
    expect(rules).toEqual([
      {
        rule: { kind: 'completion', points: dec(2), allowPartial: true },
        // the text is what the span covers: both sentences (it kept the first only, found by reading the mutants)
        text: '按时完成年度整治任务的，得2分；否则酌情扣分',
        span: [done.span[0], judged.span[1]],
        params: [pointsParam('2'), { name: 'allowPartial', value: 'true', phrase: '否则酌情扣分' }],
      },
    ]);
  });

  it('a completion earning points by category takes the judged 否则 too', () => {
    const original = '按时报送防汛工作信息的，产区得1分，非产区得0.5分；否则视情况酌情扣分。';
    const done = byCategory(original, '按时报送防汛工作信息的，产区得1分，非产区得0.5分', { 产区: '1', 非产区: '0.5' });
    const judged = judgedRule(original, '否则视情况酌情扣分', 'deduction');
    const rules = [done, judged];
    absorbOtherwise(original, rules);
    expect(rules).toHaveLength(1);
    expect(rules[0]!.rule).toEqual({ kind: 'completion', allowPartial: true });
    expect(rules[0]!.span).toEqual([done.span[0], judged.span[1]]);
    expect(rules[0]!.params.at(-1)).toEqual({ name: 'allowPartial', value: 'true', phrase: '否则视情况酌情扣分' });
  });

  it('a completion with neither points nor points by category keeps the judged 否则 beside it', () => {
    const original = '按要求完成档案整理工作；否则酌情扣分。';
    const done = at(original, '按要求完成档案整理工作', { kind: 'completion' }, [{ name: 'allowPartial', value: 'false', phrase: '按要求完成档案整理工作' }]);
    const judged = judgedRule(original, '否则酌情扣分', 'deduction');
    const rules = [done, judged];
    absorbOtherwise(original, rules);
    expect(rules).toEqual([done, judged]);
    expect(done.rule).toEqual({ kind: 'completion' });
    expect(done.params).toHaveLength(1);
  });

  it.each([
    ['a judged score', '否则酌情给分', (original: string, text: string) => judgedRule(original, text, 'score')],
    ['a judged deduction with its own range', '否则酌情扣0.5分至1分', (original: string, text: string) => judgedRule(original, text, 'deduction', '1')],
    ['a judged deduction that does not open with 否则', '视整改情况酌情扣分', (original: string, text: string) => judgedRule(original, text, 'deduction')],
    ['a deduction', '否则扣1分', (original: string, text: string) => at(original, text, { kind: 'condition', effect: 'deduction', amount: dec(1) }, [{ name: 'amount', value: '1', phrase: '扣1分' }])],
    ['a zeroing that says more than 否则不得分', '否则本项不得分', (original: string, text: string) => zeroRule(original, text)],
  ])('%s after a completion is left as it is', (_, text, make) => {
    const original = `按时完成年度整治任务的，得2分；${text}。`;
    const done = earning(original, '按时完成年度整治任务的，得2分', '2');
    const other = make(original, text);
    const rules = [done, other];
    absorbOtherwise(original, rules);
    expect(rules).toEqual([done, other]);
    expect(done.rule).toEqual({ kind: 'completion', points: dec(2) });
    expect(done.params).toEqual([pointsParam('2')]);
  });

  it('a 否则 sentence that opens the item has nothing before it to join', () => {
    const original = '否则酌情扣分。否则不得分。';
    for (const only of [judgedRule(original, '否则酌情扣分', 'deduction'), zeroRule(original, '否则不得分')]) {
      const rules = [only];
      absorbOtherwise(original, rules);
      expect(rules).toEqual([only]);
    }
  });

  it('否则不得分 after a completion becomes the completion’s otherwise of 0', () => {
    const original = '（二）全面落实河长巡河制度的，得1分；否则不得分。';
    const done = earning(original, '全面落实河长巡河制度的，得1分', '1');
    const zero = zeroRule(original, '否则不得分');
    const rules = [done, zero];
    absorbOtherwise(original, rules);
    expect(rules).toEqual([
      {
        rule: { kind: 'completion', points: dec(1) },
        text: '全面落实河长巡河制度的，得1分；否则不得分',
        span: [done.span[0], zero.span[1]],
        params: [pointsParam('1'), { name: 'otherwise', value: '0', phrase: '否则不得分' }],
      },
    ]);
  });

  it('否则不得分 after a deduction stays a rule of its own', () => {
    const original = '台账不全的，扣0.5分；否则不得分。';
    const deduct = at(original, '台账不全的，扣0.5分', { kind: 'condition', effect: 'deduction', amount: dec(0.5) });
    const zero = zeroRule(original, '否则不得分');
    const rules = [deduct, zero];
    absorbOtherwise(original, rules);
    expect(rules).toEqual([deduct, zero]);
  });
});

describe('stepWithoutThreshold: a 每低 sentence that takes its threshold from the one before', () => {
  it.each([
    ['每低1个百分点扣0.5分', true],
    // one word before the step still opens the sentence
    ['另每低1个百分点扣0.5分', true],
    // two words before it do not
    ['其中每低1个百分点扣0.5分', false],
    // a threshold of its own
    ['每低1个百分点扣0.5分，低于80%不得分', false],
  ])('%s → %s', (norm, want) => {
    expect(stepWithoutThreshold(norm, tokenize(norm))).toBe(want);
  });
});

describe('checkScoreAlternatives: a judged score beside other rules', () => {
  it('a judged score beside a completion goes to review, naming the judged sentence only', () => {
    const norm = '视工作成效酌情给分；按时报送总结的，得1分。';
    const judged = judgedRule(norm, '视工作成效酌情给分', 'score');
    const done = earning(norm, '按时报送总结的，得1分', '1');
    const rules = [judged, done];
    const { issues, issue } = collector();
    checkScoreAlternatives(norm, rules, issue, {});
    expect(issues).toEqual([{ entry: { start: judged.span[0], end: judged.span[1] }, reason: '“酌情给分”与本项其他计分规则如何结合未写明，需人工确认' }]);
    expect(rules).toEqual([judged, done]);
  });

  it('a judged score alone is no question', () => {
    const norm = '视工作成效酌情给分。';
    const rules = [judgedRule(norm, '视工作成效酌情给分', 'score')];
    const { issues, issue } = collector();
    checkScoreAlternatives(norm, rules, issue, {}, dec(2));
    expect(issues).toEqual([]);
    expect(rules).toHaveLength(1);
  });
});

describe('checkScoreAlternatives: a completion worth 0', () => {
  it('未完成的，得0分 alone asks what the other situation earns, suggesting the item scores nothing', () => {
    const norm = '未完成年度任务的，得0分。';
    const done = earning(norm, '未完成年度任务的，得0分', '0');
    const { issues, issue } = collector();
    checkScoreAlternatives(norm, [done], issue, {}, dec(2));
    expect(issues).toEqual([
      {
        entry: { start: done.span[0], end: done.span[1] },
        reason: '“未完成年度任务的，得0分”：只写了得0分的情形，未写明其他情形的得分（是本项不得分，还是条件不成立时得满分），需人工确认',
        extra: { suggestion: '本项不得分（条件成立时本项计0分）' },
      },
    ]);
  });

  it('a 0 beside another situation is one of the situations, read with them', () => {
    const norm = '未完成年度任务的，得0分；完成年度任务的，得1分。';
    const rules = [earning(norm, '未完成年度任务的，得0分', '0'), earning(norm, '完成年度任务的，得1分', '1')];
    const { issues, issue } = collector();
    checkScoreAlternatives(norm, rules, issue, {});
    expect(issues).toEqual([
      {
        entry: spanOf(rules[0]!, rules[1]!),
        reason: '本项有2个得分情形（0分、1分），是分别计分还是按情形择一计分未写明，需人工确认',
        extra: { readings: bothReadings(rules), suggestion: '按情形择一计分（取符合的最高一档）' },
      },
    ]);
  });
});

describe('checkScoreAlternatives: which rules are positive allocations', () => {
  it.each([
    ['an any-of', { kind: 'any-of', options: ['建立工作台账', '报送工作信息'] } as Rule],
    ['a partial credit', { kind: 'partial-credit', incompleteCeiling: dec(1), mode: 'capped' } as Rule],
    ['a proportional score', { kind: 'proportional', effect: 'score' } as Rule],
  ])('%s beside a completion is a second situation', (_, other) => {
    const norm = '建立工作台账或报送工作信息的，可得满分；按时完成整改的，得1分。';
    const rules = [at(norm, '建立工作台账或报送工作信息的，可得满分', other), earning(norm, '按时完成整改的，得1分', '1')];
    const { issues, issue } = collector();
    checkScoreAlternatives(norm, rules, issue, {});
    expect(issues).toEqual([
      {
        entry: spanOf(rules[0]!, rules[1]!),
        reason: '本项有2个得分情形（1分），是分别计分还是按情形择一计分未写明，需人工确认',
        extra: { readings: bothReadings(rules), suggestion: '按情形择一计分（取符合的最高一档）' },
      },
    ]);
  });
});

describe('checkScoreAlternatives: situations that each earn the item’s points by category', () => {
  const norm = '按时完成年度粮食安全督导任务的，产区得1分，非产区得0.6分；督导发现问题全部整改到位的，产区得1分，非产区得0.6分；';
  const indicator = (): Indicator => ({ pointsByCategory: { 产区: dec(1), 非产区: dec(0.6) } });
  const situations = (original: string): CompiledRule[] => [
    byCategory(original, '按时完成年度粮食安全督导任务的，产区得1分，非产区得0.6分', { 产区: '1', 非产区: '0.6' }),
    byCategory(original, '督导发现问题全部整改到位的，产区得1分，非产区得0.6分', { 产区: '1', 非产区: '0.6' }),
  ];

  it.each([
    ['否则不得分 after them', `${norm}否则不得分。`, (original: string) => zeroRule(original, '否则不得分')],
    ['a judged deduction that is not an otherwise', `${norm}视督导发现问题多少酌情扣分。`, (original: string) => judgedRule(original, '视督导发现问题多少酌情扣分', 'deduction')],
  ])('are alternatives, one any-of, with %s', (_, original, make) => {
    const [first, second] = situations(original) as [CompiledRule, CompiledRule];
    const last = make(original);
    const rules = [first, second, last];
    const { issues, issue } = collector();
    checkScoreAlternatives(original, rules, issue, indicator(), dec(1));
    expect(issues).toEqual([]);
    expect(rules).toEqual([
      {
        rule: { kind: 'any-of', options: ['按时完成年度粮食安全督导任务的', '督导发现问题全部整改到位的'] },
        text: original.slice(first.span[0], second.span[1]),
        span: [first.span[0], second.span[1]],
        params: [...first.params, ...second.params, { name: 'options', value: '2', phrase: '按时完成年度粮食安全督导任务的…督导发现问题全部整改到位的' }],
        family: 'category-alternatives',
      },
      last,
    ]);
  });

  it('are not alternatives with a judged 否则 after them: review without amounts', () => {
    const original = `${norm}否则按完成情况酌情扣分。`;
    const [first, second] = situations(original) as [CompiledRule, CompiledRule];
    const rules = [first, second, judgedRule(original, '否则按完成情况酌情扣分', 'deduction')];
    const { issues, issue } = collector();
    checkScoreAlternatives(original, rules, issue, indicator(), dec(1));
    expect(issues).toEqual([
      {
        entry: spanOf(first, second),
        reason: '本项有2个得分情形，是分别计分还是按情形择一计分未写明，需人工确认',
        extra: { readings: bothReadings([first, second]), suggestion: '按情形择一计分（取符合的最高一档）' },
      },
    ]);
    expect(rules).toHaveLength(3);
  });
});

describe('checkScoreAlternatives: 在此基础上 on points by category', () => {
  const indicator = (): Indicator => ({ pointsByCategory: { 产区: dec(2), 非产区: dec(1) } });

  it('an increment on top of points by category is linted with each category’s total', () => {
    const norm = '按时完成年度督导任务的，产区得2分，非产区得1分；在此基础上，督导发现问题全部整改到位的，再得0.5分。';
    const base = byCategory(norm, '按时完成年度督导任务的，产区得2分，非产区得1分', { 产区: '2', 非产区: '1' });
    const more = earning(norm, '在此基础上，督导发现问题全部整改到位的，再得0.5分', '0.5');
    const { issues, issue } = collector();
    checkScoreAlternatives(norm, [base, more], issue, indicator(), dec(2.5));
    expect(issues).toEqual([
      {
        entry: spanOf(base, more),
        reason: '“在此基础上”的得分叠加在按单位类别的分值之上（产区 2+0.5=2.5 分、非产区 1+0.5=1.5 分），规则格式暂不能按单位类别给出条款分值，需人工确认',
        extra: { suggestion: '分别计分（累加）：基础分按单位类别，另加 0.5 分；本项分值 产区 2+0.5=2.5 分、非产区 1+0.5=1.5 分' },
      },
    ]);
  });

  it('an increment without points among them leaves the general review, naming the stacked reading', () => {
    const norm = '按时完成年度督导任务的，产区得2分，非产区得1分；在此基础上，督导发现问题全部整改到位的，再得0.5分；此外，按时报送总结的，按完成情况得分。';
    const base = byCategory(norm, '按时完成年度督导任务的，产区得2分，非产区得1分', { 产区: '2', 非产区: '1' });
    const more = earning(norm, '在此基础上，督导发现问题全部整改到位的，再得0.5分', '0.5');
    const report = at(norm, '此外，按时报送总结的，按完成情况得分', { kind: 'completion', allowPartial: true }, [{ name: 'allowPartial', value: 'true', phrase: '按完成情况得分' }]);
    const rules = [base, more, report];
    const { issues, issue } = collector();
    checkScoreAlternatives(norm, rules, issue, indicator(), dec(2.5));
    expect(issues).toEqual([
      {
        entry: spanOf(base, report),
        reason: '本项有3个得分情形（0.5分），是分别计分还是按情形择一计分未写明，需人工确认',
        extra: { readings: bothReadings(rules), suggestion: '按情形择一计分（取符合的最高一档），“在此基础上”的情形与其前一情形相加后作为一档' },
      },
    ]);
  });
});

describe('checkScoreAlternatives: the review of several situations', () => {
  it('names the amounts that were read, from the points parameter only, with both readings', () => {
    const norm = '按要求建立工作台账的，得1分；按时报送工作信息的，得2分；开展专项宣传或组织现场观摩的，可得满分。';
    const ledger = earning(norm, '按要求建立工作台账的，得1分', '1', [{ name: 'allowPartial', value: 'false', phrase: '按要求' }, pointsParam('1')]);
    const report = earning(norm, '按时报送工作信息的，得2分', '2');
    const either = at(norm, '开展专项宣传或组织现场观摩的，可得满分', { kind: 'any-of', options: ['开展专项宣传', '组织现场观摩'] });
    const rules = [ledger, report, either];
    const { issues, issue } = collector();
    checkScoreAlternatives(norm, rules, issue, {});
    expect(issues).toEqual([
      {
        entry: spanOf(ledger, either),
        reason: '本项有3个得分情形（1分、2分），是分别计分还是按情形择一计分未写明，需人工确认',
        extra: { readings: bothReadings(rules), suggestion: '按情形择一计分（取符合的最高一档）' },
      },
    ]);
    expect(rules).toEqual([ledger, report, either]);
  });

  it('a 此外 before the first situation does not make them stacked', () => {
    const norm = '此外，年度工作按下列情形计分：全面完成的，得2分；基本完成的，得1分。';
    const rules = [earning(norm, '全面完成的，得2分', '2'), earning(norm, '基本完成的，得1分', '1')];
    const { issues, issue } = collector();
    checkScoreAlternatives(norm, rules, issue, {});
    expect(issues.map((entry) => [entry.reason, entry.extra?.suggestion])).toEqual([
      ['本项有2个得分情形（2分、1分），是分别计分还是按情形择一计分未写明，需人工确认', '按情形择一计分（取符合的最高一档）'],
    ]);
  });
});

describe('checkScoreAlternatives: graded situations on the item’s points', () => {
  /** The any-of the situations merge to. */
  const graded = (original: string, parts: CompiledRule[], options: string[], points: Dec, optionPoints: Dec[]): CompiledRule => {
    const span: [number, number] = [parts[0]!.span[0], parts[parts.length - 1]!.span[1]];
    return {
      rule: { kind: 'any-of', options, points, optionPoints },
      text: original.slice(span[0], span[1]),
      span,
      params: [...parts.flatMap((entry) => entry.params), { name: 'optionPoints', value: optionPoints.map(P.toStr).join('、'), phrase: original.slice(span[0], span[1]) }],
      family: 'graded-options',
    };
  };

  it('3 分 and 2 分 on an item of 3 分 are one-of: the highest met counts; a 此外 after them changes nothing', () => {
    const norm = '全部完成年度任务的，得3分；部分完成的，得2分。此外，未按时报送材料的另行通报。';
    const parts = [earning(norm, '全部完成年度任务的，得3分', '3'), earning(norm, '部分完成的，得2分', '2')];
    const rules = [...parts];
    const { issues, issue } = collector();
    checkScoreAlternatives(norm, rules, issue, {}, dec(3));
    expect(issues).toEqual([]);
    expect(rules).toEqual([graded(norm, parts, ['全部完成年度任务的', '部分完成的'], dec(3), [dec(3), dec(2)])]);
    expect(rules[0]!.text).toBe('全部完成年度任务的，得3分；部分完成的，得2分');
  });

  it('the highest may come last', () => {
    const norm = '部分完成的，得2分；全部完成年度任务的，得3分。';
    const parts = [earning(norm, '部分完成的，得2分', '2'), earning(norm, '全部完成年度任务的，得3分', '3')];
    const rules = [...parts];
    const { issues, issue } = collector();
    checkScoreAlternatives(norm, rules, issue, {}, dec(3));
    expect(issues).toEqual([]);
    expect(rules).toEqual([graded(norm, parts, ['部分完成的', '全部完成年度任务的'], dec(3), [dec(2), dec(3)])]);
  });

  it('situations each under its own heading are one-of; a heading over one of them only is review', () => {
    const both = '重点省份：全部完成年度任务的，得3分；其他省份：全部完成年度任务的，得2分。';
    const headed = [earning(both, '重点省份：全部完成年度任务的，得3分', '3'), earning(both, '其他省份：全部完成年度任务的，得2分', '2')];
    const rules = [...headed];
    const first = collector();
    checkScoreAlternatives(both, rules, first.issue, {}, dec(3));
    expect(first.issues).toEqual([]);
    expect(rules).toEqual([graded(both, headed, ['重点省份：全部完成年度任务的', '其他省份：全部完成年度任务的'], dec(3), [dec(3), dec(2)])]);

    const one = '重点省份：全部完成年度任务的，得3分；部分完成的，得2分。';
    const mixed = [earning(one, '重点省份：全部完成年度任务的，得3分', '3'), earning(one, '部分完成的，得2分', '2')];
    const second = collector();
    checkScoreAlternatives(one, mixed, second.issue, {}, dec(3));
    expect(second.issues).toEqual([
      {
        entry: spanOf(mixed[0]!, mixed[1]!),
        reason: '本项有2个得分情形（3分、2分），是分别计分还是按情形择一计分未写明，需人工确认',
        extra: { readings: bothReadings(mixed), suggestion: '按情形择一计分（取符合的最高一档）' },
      },
    ]);
    expect(mixed).toHaveLength(2);
  });

  it('twelve situations are searched for a group that sums to the points; thirteen are review unsearched', () => {
    const names = '甲乙丙丁戊己庚辛壬癸子丑';
    const texts = (count: number): string[] => ['全部完成各类任务的，得10分', ...[...names.slice(0, count - 1)].map((name) => `完成${name}类任务的，得0.7分`)];
    const build = (count: number): { norm: string; rules: CompiledRule[] } => {
      const norm = `${texts(count).join('；')}。`;
      return { norm, rules: texts(count).map((text, k) => earning(norm, text, k === 0 ? '10' : '0.7')) };
    };

    const twelve = build(12);
    const parts = [...twelve.rules];
    const first = collector();
    checkScoreAlternatives(twelve.norm, twelve.rules, first.issue, {}, dec(10));
    expect(first.issues).toEqual([]);
    expect(twelve.rules).toHaveLength(1);
    expect(twelve.rules[0]!.rule).toEqual({
      kind: 'any-of',
      options: texts(12).map((text) => text.split('，')[0]!),
      points: dec(10),
      optionPoints: [dec(10), ...Array.from({ length: 11 }, () => dec(0.7))],
    });
    expect(twelve.rules[0]!.span).toEqual([parts[0]!.span[0], parts[11]!.span[1]]);

    const thirteen = build(13);
    const second = collector();
    checkScoreAlternatives(thirteen.norm, thirteen.rules, second.issue, {}, dec(10));
    expect(second.issues.map((entry) => entry.reason)).toEqual([`本项有13个得分情形（10分、${Array.from({ length: 12 }, () => '0.7').join('分、')}分），是分别计分还是按情形择一计分未写明，需人工确认`]);
    expect(thirteen.rules).toHaveLength(13);
  });
});

describe('checkScoreAlternatives: the words of a graded option', () => {
  const merge = (norm: string, first: CompiledRule): string[] => {
    const rules = [first, earning(norm, '部分完成的，得2分', '2')];
    const { issues, issue } = collector();
    checkScoreAlternatives(norm, rules, issue, {}, dec(3));
    expect(issues).toEqual([]);
    expect(rules).toHaveLength(1);
    return (rules[0]!.rule as Extract<Rule, { kind: 'any-of' }>).options;
  };

  it('are cut at the points phrase, not at another parameter’s', () => {
    const norm = '全部完成年度任务的，得3分；部分完成的，得2分。';
    expect(merge(norm, earning(norm, '全部完成年度任务的，得3分', '3', [{ name: 'allowPartial', value: 'false', phrase: '全部完成' }, pointsParam('3')]))).toEqual([
      '全部完成年度任务的',
      '部分完成的',
    ]);
  });

  it('are the whole sentence without a points phrase', () => {
    const norm = '全部完成年度任务的，得3分；部分完成的，得2分。';
    expect(merge(norm, earning(norm, '全部完成年度任务的，得3分', '3', []))).toEqual(['全部完成年度任务的，得3分', '部分完成的']);
  });

  it('are the whole sentence when it opens with the points phrase', () => {
    const norm = '得3分：全部完成年度任务的；部分完成的，得2分。';
    expect(merge(norm, earning(norm, '得3分：全部完成年度任务的', '3'))).toEqual(['得3分：全部完成年度任务的', '部分完成的']);
  });
});

describe('checkSituationsAcrossItems: items that each earn the item’s points by category', () => {
  it('two of them are linted as 择一 or 累加', () => {
    const norm = '（1）按时完成督导任务的，产区得1分，非产区得0.6分。（2）问题全部整改到位的，产区得1分，非产区得0.6分。';
    const rules = [
      byCategory(norm, '按时完成督导任务的，产区得1分，非产区得0.6分', { 产区: '1', 非产区: '0.6' }),
      byCategory(norm, '问题全部整改到位的，产区得1分，非产区得0.6分', { 产区: '1', 非产区: '0.6' }),
    ];
    const { issues, issue } = collector();
    checkSituationsAcrossItems(norm, norm, rules, issue);
    expect(issues).toEqual([{ entry: spanOf(rules[0]!, rules[1]!), reason: '本项有2个小项各得本项按单位类别的全部分值，是择一还是累加未写明，需人工确认' }]);
  });

  it('completions without points or points by category are not such items', () => {
    const norm = '（1）建立工作台账，按完成情况计分。（2）按时报送工作信息，按完成情况计分。';
    const partial = (text: string): CompiledRule => at(norm, text, { kind: 'completion', allowPartial: true }, [{ name: 'allowPartial', value: 'true', phrase: '按完成情况计分' }]);
    const rules = [partial('建立工作台账，按完成情况计分'), partial('按时报送工作信息，按完成情况计分')];
    const { issues, issue } = collector();
    checkSituationsAcrossItems(norm, norm, rules, issue);
    expect(issues).toEqual([]);
    expect(rules).toHaveLength(2);
  });
});

describe('mergePolicy: an item policy found by a family', () => {
  const range: Range = { start: 0, end: 12 };
  const byCategoryPoints = (): Record<string, Dec> => ({ 产区: dec(2), 非产区: dec(1) });

  it('points beside points by category already read: both kept, no review', () => {
    const indicator: Indicator = { pointsByCategory: byCategoryPoints() };
    const { issues, issue } = collector();
    mergePolicy(indicator, { points: dec(2) }, range, issue);
    expect(issues).toEqual([]);
    expect(indicator).toStrictEqual({ pointsByCategory: byCategoryPoints(), points: dec(2) });
  });

  it('points by category beside points already read: both kept, no review', () => {
    const indicator: Indicator = { points: dec(2) };
    const { issues, issue } = collector();
    mergePolicy(indicator, { pointsByCategory: byCategoryPoints() }, range, issue);
    expect(issues).toEqual([]);
    expect(indicator).toStrictEqual({ points: dec(2), pointsByCategory: byCategoryPoints() });
  });

  it('the points column’s own figure found again is no second item', () => {
    const indicator: Indicator = { points: dec(2) };
    const { issues, issue } = collector();
    mergePolicy(indicator, { points: dec(2) }, range, issue);
    expect(issues).toEqual([]);
    expect(indicator).toStrictEqual({ points: dec(2) });
  });

  it('another figure, or the same figure found by a family twice, is a clause to split', () => {
    const other: Indicator = { points: dec(2) };
    const first = collector();
    mergePolicy(other, { points: dec(3) }, range, first.issue);
    expect(first.issues).toEqual([{ entry: range, reason: '同一条款中有多个分项各带分值，需拆分为多个条款' }]);
    expect(other).toStrictEqual({ points: dec(2) });

    const twice: Indicator = {};
    const second = collector();
    mergePolicy(twice, { points: dec(1) }, range, second.issue);
    mergePolicy(twice, { points: dec(1) }, range, second.issue);
    expect(second.issues).toEqual([{ entry: range, reason: '同一条款中有多个分项各带分值，需拆分为多个条款' }]);
  });

  it('two different sets of points by category are review; the same set again is not', () => {
    const indicator: Indicator = { pointsByCategory: byCategoryPoints() };
    const { issues, issue } = collector();
    mergePolicy(indicator, { pointsByCategory: byCategoryPoints() }, range, issue);
    expect(issues).toEqual([]);
    mergePolicy(indicator, { pointsByCategory: { 产区: dec(3), 非产区: dec(1) } }, range, issue);
    expect(issues).toEqual([{ entry: range, reason: '同一条款中按单位类别的分值出现多组（是择一还是累加未写明），需人工确认' }]);
    expect(indicator.pointsByCategory).toEqual(byCategoryPoints());
  });
  it('the same points by category listed in another order are the same set, not two', () => {
    // compared as written (JSON of the map), 非产区 first read as a second set (found by reading the mutants)
    const indicator: Indicator = { pointsByCategory: { 产区: dec(2), 非产区: dec(1) } };
    const { issues, issue } = collector();
    mergePolicy(indicator, { pointsByCategory: { 非产区: dec(1), 产区: dec(2) } }, range, issue);
    expect(issues).toEqual([]);
    // one category more, or one missing, is another set
    mergePolicy(indicator, { pointsByCategory: { 非产区: dec(1), 产区: dec(2), 主销区: dec(1) } }, range, issue);
    mergePolicy(indicator, { pointsByCategory: { 产区: dec(2) } }, range, issue);
    mergePolicy(indicator, { pointsByCategory: { 产区: dec(2), 主销区: dec(1) } }, range, issue);
    expect(issues).toHaveLength(3);
  });
});

describe('faults found by reading the mutants, through the compiler', () => {
  it('two situations earning the same points by category are alternatives whichever category each lists first', () => {
    const same = compileRuleText('建立应急网点的，产区得1分，非产区得0.6分；网点覆盖全部乡镇的，产区得1分，非产区得0.6分；否则不得分。', { points: dec(1) });
    const swapped = compileRuleText('建立应急网点的，产区得1分，非产区得0.6分；网点覆盖全部乡镇的，非产区得0.6分，产区得1分；否则不得分。', { points: dec(1) });
    for (const r of [same, swapped]) {
      expect(r.status).toBe('ok');
      expect(r.rules.map((entry) => entry.rule)).toEqual([{ kind: 'any-of', options: ['建立应急网点的', '网点覆盖全部乡镇的'] }]);
      expect(r.indicator?.pointsByCategory).toEqual({ 产区: dec(1), 非产区: dec('0.6') });
    }
  });
  it('a completion that took in the 否则 after it reads both sentences: its text is what its span covers', () => {
    const text = '按时完成年度督导任务的，得2分；否则不得分。';
    const r = compileRuleText(text, { points: dec(2) });
    expect(r.rules).toHaveLength(1);
    const [rule] = r.rules;
    expect(rule!.text).toBe('按时完成年度督导任务的，得2分；否则不得分');
    expect(text.slice(rule!.span[0], rule!.span[1])).toBe(rule!.text);
  });
});
