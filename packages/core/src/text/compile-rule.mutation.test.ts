/**
 * Mutation tests of text/compile-rule.ts (docs/testing.md, tenth session): what a whole clause text compiles to —
 * status and reason, each rule with the parameters the import report prints, the "（N分）" allocations (text, span,
 * points) and the item policies. Every sentence is written for the test in the style of a 细则; none is from the corpus.
 */
import { describe, expect, it } from 'vitest';
import * as P from '../points';
import type { Rule } from '../rules/rule.types';
import { compileRuleText } from './compile-rule';

const d = P.dec;
type Row = [text: string, points: string | undefined, status: 'ok' | 'needs-review', reason: string, rules: [text: string, rule: Rule, params: [string, string, string][], review?: string][], allocations: [string, number[], string][], indicator: Record<string, unknown> | undefined];

const rows: Row[] = [
  // allocations (a task with its "（N分）" and nothing else that scores), 占比 opened by 按, rate × points
  ["建立工作台账2分（2分）。", '2', 'needs-review', "未识别扣分数值", [], [], { points: d('2') }],
  ["建立工作台账，扣1分（2分）。", '2', 'ok', "", [["建立工作台账，扣1分", { kind: "condition", effect: "deduction", amount: d('1') }, [['amount', "1", "扣1分"]]]], [], { points: d('2') }],
  ["建立工作台账，不得分（2分）。", '2', 'ok', "", [["建立工作台账，不得分", { kind: "zero", scope: "indicator" }, [['scope', "indicator", "不得分"]]]], [], { points: d('2') }],
  ["按完成比例计分（2分）。", '2', 'ok', "", [["按完成比例计分（2分）。", { kind: "proportional", effect: "score", points: d('2') }, [['effect', "score", "按完成比例计分（2分）"], ['points', "2", "2分"]]]], [], { points: d('2') }],
  ["建立工作台账（2分）。", '2', 'ok', "", [], [["建立工作台账（2分）。",[0,11],"2"]], { points: d('2') }],
  ["  建立工作台账（2分）。  ", '2', 'ok', "", [], [["建立工作台账（2分）。",[0,15],"2"]], { points: d('2') }],
  ["1.建立工作台账（2分）2.每起扣1分。", '3', 'needs-review', "未读取的分值“2分”：已编译的规则未用到它，需人工确认", [["建立工作台账（2分）2.每起扣1分", { kind: "per-occurrence", effect: "deduction", amount: d('1') }, [['amount', "1", "扣1分"], ['counter', "起", "每起"]]]], [], undefined],
  ["按未完成项目的占比扣分。", '5', 'ok', "", [["按未完成项目的占比扣分。", { kind: "proportional", effect: "deduction" }, [['effect', "deduction", "按未完成项目的占比扣分。"]]]], [], undefined],
  ["未完成项目占比高于10%的，扣1分。", '5', 'ok', "", [["未完成项目占比高于10%的，扣1分", { kind: "threshold-steps", effect: "deduction", metric: { of: "rate", percent: true }, threshold: d('10'), direction: "above", initial: d('1') }, [['threshold', "10", "高于10%"], ['initial', "1", "扣1分"]]]], [], undefined],
  ["按，未完成项目的占比扣分。", '5', 'needs-review', "未识别扣分数值", [], [], undefined],
  ["按比例扣分。", '5', 'ok', "", [["按比例扣分。", { kind: "proportional", effect: "deduction" }, [['effect', "deduction", "按比例扣分"]]]], [], undefined],
  ["未完成项目的占比按比例扣分。", '5', 'ok', "", [["未完成项目的占比按比例扣分。", { kind: "proportional", effect: "deduction" }, [['effect', "deduction", "按比例扣分"]]]], [], undefined],
  ["按时报送，未完成项目的占比扣分。", '5', 'needs-review', "未识别扣分数值", [], [], undefined],
  ["按未完成项目占比扣分，每起扣1分。", '5', 'needs-review', "未读取的计分用语“占比”：已编译的规则未用到它，需人工确认", [["按未完成项目占比扣分，每起扣1分", { kind: "per-occurrence", effect: "deduction", amount: d('1') }, [['amount', "1", "扣1分"], ['counter', "起", "每起"]]]], [], undefined],
  ["任务完成率×10分。", '10', 'ok', "", [["任务完成率×10分", { kind: "rate-formula", effect: "score", weight: d('10') }, [['weight', "10", "任务完成率×10分"]]]], [], undefined],
  ["按任务完成率×10分计分。", '10', 'ok', "", [["按任务完成率×10分", { kind: "rate-formula", effect: "score", weight: d('10') }, [['weight', "10", "按任务完成率×10分"]]]], [], undefined],
  ["完成率*10分，每起扣1分。", '10', 'needs-review', "未读取的分值“10分”：已编译的规则未用到它，需人工确认", [["完成率*10分，每起扣1分", { kind: "per-occurrence", effect: "deduction", amount: d('1') }, [['amount', "1", "扣1分"], ['counter', "起", "每起"]]]], [], undefined],
  ["1.建立工作台账（2分）。2.每起扣1分。", '3', 'needs-review', "“（2分）”是本小项的分值（本条有多个小项），本小项的规则如何在该分值内计分未写明，需人工确认", [["每起扣1分", { kind: "per-occurrence", effect: "deduction", amount: d('1') }, [['amount', "1", "扣1分"], ['counter', "起", "每起"]]]], [["建立工作台账（2分）。",[2,13],"2"]], undefined],
  ["按未完成项目的占比，扣分。", '5', 'ok', "", [["按未完成项目的占比，扣分。", { kind: "proportional", effect: "deduction" }, [['effect', "deduction", "按未完成项目的占比，扣分。"]]]], [], undefined],
  ["未完成项目的占比扣分。", '5', 'needs-review', "未识别扣分数值", [], [], undefined],
  ["按完成比例扣分。", '5', 'ok', "", [["按完成比例扣分。", { kind: "proportional", effect: "deduction" }, [['effect', "deduction", "按完成比例扣分"]]]], [], undefined],
  ["按完成情况的比例扣分。", '5', 'ok', "", [["按完成情况的比例扣分。", { kind: "proportional", effect: "deduction" }, [['effect', "deduction", "按完成情况的比例扣分"]]]], [], undefined],
];

describe('whole clauses: rules, allocations and item policies', () => {
  it.each(rows)('%s (%s 分)', (text, points, status, reason, rules, allocations, indicator) => {
    const r = compileRuleText(text, points === undefined ? {} : { points: d(points) });
    expect([r.status, r.reason ?? '']).toEqual([status, reason]);
    expect(r.rules.map((c) => [c.text, c.rule, c.params.map((p) => [p.name, p.value, p.phrase]), ...(c.review === undefined ? [] : [c.review])])).toStrictEqual(rules);
    expect((r.allocations ?? []).map((a) => [a.text, a.span, P.toStr(a.points)])).toEqual(allocations);
    expect(r.indicator).toEqual(indicator);
  });
});
