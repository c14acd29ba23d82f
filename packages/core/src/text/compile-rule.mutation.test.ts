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
type Row = [text: string, points: string | undefined, status: 'ok' | 'needs-review', reason: string, rules: [text: string, rule: Rule, params: [string, string, string][], review?: string][], allocations: [string, number[], string][], indicator: Record<string, unknown> | undefined, afterZero: boolean[]];

const rows: Row[] = [
  // allocations (a task with its "（N分）" and nothing else that scores), 占比 opened by 按, rate × points
  ["建立工作台账2分（2分）。", '2', 'needs-review', "未识别扣分数值", [], [], { points: d('2') }, []],
  ["建立工作台账，扣1分（2分）。", '2', 'ok', "", [["建立工作台账，扣1分", { kind: "condition", effect: "deduction", amount: d('1') }, [['amount', "1", "扣1分"]]]], [], { points: d('2') }, [false]],
  ["建立工作台账，不得分（2分）。", '2', 'ok', "", [["建立工作台账，不得分", { kind: "zero", scope: "indicator" }, [['scope', "indicator", "不得分"]]]], [], { points: d('2') }, [false]],
  ["按完成比例计分（2分）。", '2', 'ok', "", [["按完成比例计分（2分）。", { kind: "proportional", effect: "score", points: d('2') }, [['effect', "score", "按完成比例计分（2分）"], ['points', "2", "2分"]]]], [], { points: d('2') }, [false]],
  ["建立工作台账（2分）。", '2', 'ok', "", [], [["建立工作台账（2分）。",[0,11],"2"]], { points: d('2') }, []],
  ["  建立工作台账（2分）。  ", '2', 'ok', "", [], [["建立工作台账（2分）。",[0,15],"2"]], { points: d('2') }, []],
  ["1.建立工作台账（2分）2.每起扣1分。", '3', 'needs-review', "未读取的分值“2分”：已编译的规则未用到它，需人工确认", [["建立工作台账（2分）2.每起扣1分", { kind: "per-occurrence", effect: "deduction", amount: d('1') }, [['amount', "1", "扣1分"], ['counter', "起", "每起"]]]], [], undefined, [false]],
  ["按未完成项目的占比扣分。", '5', 'ok', "", [["按未完成项目的占比扣分。", { kind: "proportional", effect: "deduction" }, [['effect', "deduction", "按未完成项目的占比扣分。"]]]], [], undefined, [false]],
  ["未完成项目占比高于10%的，扣1分。", '5', 'ok', "", [["未完成项目占比高于10%的，扣1分", { kind: "threshold-steps", effect: "deduction", metric: { of: "rate", percent: true }, threshold: d('10'), direction: "above", initial: d('1') }, [['threshold', "10", "高于10%"], ['initial', "1", "扣1分"]]]], [], undefined, [false]],
  ["按，未完成项目的占比扣分。", '5', 'needs-review', "未识别扣分数值", [], [], undefined, []],
  ["按比例扣分。", '5', 'ok', "", [["按比例扣分。", { kind: "proportional", effect: "deduction" }, [['effect', "deduction", "按比例扣分"]]]], [], undefined, [false]],
  ["未完成项目的占比按比例扣分。", '5', 'ok', "", [["未完成项目的占比按比例扣分。", { kind: "proportional", effect: "deduction" }, [['effect', "deduction", "按比例扣分"]]]], [], undefined, [false]],
  ["按时报送，未完成项目的占比扣分。", '5', 'needs-review', "未识别扣分数值", [], [], undefined, []],
  ["按未完成项目占比扣分，每起扣1分。", '5', 'needs-review', "未读取的计分用语“占比”：已编译的规则未用到它，需人工确认", [["按未完成项目占比扣分，每起扣1分", { kind: "per-occurrence", effect: "deduction", amount: d('1') }, [['amount', "1", "扣1分"], ['counter', "起", "每起"]]]], [], undefined, [false]],
  ["任务完成率×10分。", '10', 'ok', "", [["任务完成率×10分", { kind: "rate-formula", effect: "score", weight: d('10') }, [['weight', "10", "任务完成率×10分"]]]], [], undefined, [false]],
  ["按任务完成率×10分计分。", '10', 'ok', "", [["按任务完成率×10分", { kind: "rate-formula", effect: "score", weight: d('10') }, [['weight', "10", "按任务完成率×10分"]]]], [], undefined, [false]],
  ["完成率*10分，每起扣1分。", '10', 'needs-review', "未读取的分值“10分”：已编译的规则未用到它，需人工确认", [["完成率*10分，每起扣1分", { kind: "per-occurrence", effect: "deduction", amount: d('1') }, [['amount', "1", "扣1分"], ['counter', "起", "每起"]]]], [], undefined, [false]],
  ["1.建立工作台账（2分）。2.每起扣1分。", '3', 'needs-review', "“（2分）”是本小项的分值（本条有多个小项），本小项的规则如何在该分值内计分未写明，需人工确认", [["每起扣1分", { kind: "per-occurrence", effect: "deduction", amount: d('1') }, [['amount', "1", "扣1分"], ['counter', "起", "每起"]]]], [["建立工作台账（2分）。",[2,13],"2"]], undefined, [false]],
  ["按未完成项目的占比，扣分。", '5', 'ok', "", [["按未完成项目的占比，扣分。", { kind: "proportional", effect: "deduction" }, [['effect', "deduction", "按未完成项目的占比，扣分。"]]]], [], undefined, [false]],
  ["未完成项目的占比扣分。", '5', 'needs-review', "未识别扣分数值", [], [], undefined, []],
  ["按完成比例扣分。", '5', 'ok', "", [["按完成比例扣分。", { kind: "proportional", effect: "deduction" }, [['effect', "deduction", "按完成比例扣分"]]]], [], undefined, [false]],
  ["按完成情况的比例扣分。", '5', 'ok', "", [["按完成情况的比例扣分。", { kind: "proportional", effect: "deduction" }, [['effect', "deduction", "按完成情况的比例扣分"]]]], [], undefined, [false]],
  // 倒扣 after the item's zeroing: one rule when only 同时 stands before it, afterZero when in the zero's sentence
  ["发现弄虚作假的，此项不得分，同时倒扣2分。", '5', 'ok', "", [["发现弄虚作假的，此项不得分，同时倒扣2分", { kind: "condition", effect: "deduction", amount: d('2') }, [['scope', "indicator", "此项不得分"], ['amount', "2", "倒扣2分"]]]], [], { allowNegative: true }, [true]],
  ["发现弄虚作假的，此项不得分；情节严重的，倒扣2分。", '5', 'ok', "", [["发现弄虚作假的，此项不得分", { kind: "zero", scope: "indicator" }, [['scope', "indicator", "此项不得分"]]], ["情节严重的，倒扣2分", { kind: "condition", effect: "deduction", amount: d('2') }, [['amount', "2", "倒扣2分"]]]], [], { allowNegative: true }, [false,true]],
  ["发现弄虚作假的，此项不得分。情节严重的，倒扣2分。", '5', 'needs-review', "本项计零（不得分）与“倒扣”同时出现，另有扣分不在计零之后：计零会把它一并抵消（倒扣应为 0 分再扣），两者如何结合未写明，需人工确认", [["发现弄虚作假的，此项不得分", { kind: "zero", scope: "indicator" }, [['scope', "indicator", "此项不得分"]]], ["情节严重的，倒扣2分", { kind: "condition", effect: "deduction", amount: d('2') }, [['amount', "2", "倒扣2分"]]]], [], { allowNegative: true }, [false,false]],
  ["出现问题的，倒扣1分。", '5', 'ok', "", [["出现问题的，倒扣1分", { kind: "condition", effect: "deduction", amount: d('1') }, [['amount', "1", "倒扣1分"]]]], [], { allowNegative: true }, [false]],
  ["发现弄虚作假的，此项不得分，每起倒扣0.5分。", '5', 'ok', "", [["发现弄虚作假的，此项不得分", { kind: "zero", scope: "indicator" }, [['scope', "indicator", "此项不得分"]]], ["每起倒扣0.5分", { kind: "per-occurrence", effect: "deduction", amount: d('0.5') }, [['amount', "0.5", "倒扣0.5分"], ['counter', "起", "每起"]]]], [], { allowNegative: true }, [false,true]],
  ["发现弄虚作假的，此项不得分，同时加2分。", '5', 'ok', "", [["发现弄虚作假的，此项不得分", { kind: "zero", scope: "indicator" }, [['scope', "indicator", "此项不得分"]]], ["同时加2分", { kind: "condition", effect: "bonus", amount: d('2') }, [['amount', "2", "加2分"]]]], [], undefined, [false,false]],
  ["发现弄虚作假的，此项不得分，同时扣2分。", '5', 'ok', "", [["发现弄虚作假的，此项不得分", { kind: "zero", scope: "indicator" }, [['scope', "indicator", "此项不得分"]]], ["同时扣2分", { kind: "condition", effect: "deduction", amount: d('2') }, [['amount', "2", "扣2分"]]]], [], undefined, [false,false]],
  ["倒扣2分，发现弄虚作假的，此项不得分。", '5', 'needs-review', "“倒扣2分”前没有扣分条件", [["发现弄虚作假的，此项不得分", { kind: "zero", scope: "indicator" }, [['scope', "indicator", "此项不得分"]]]], [], undefined, [false]],
  ["发现弄虚作假的，总分不得分，同时倒扣2分。", '5', 'ok', "", [["发现弄虚作假的，总分不得分", { kind: "zero", scope: "unit" }, [['scope', "unit", "不得分"]]], ["同时倒扣2分", { kind: "condition", effect: "deduction", amount: d('2') }, [['amount', "2", "倒扣2分"]]]], [], { allowNegative: true }, [false,false]],
  ["发现弄虚作假的，此项不得分，同时，倒扣2分。", '5', 'ok', "", [["发现弄虚作假的，此项不得分，同时，倒扣2分", { kind: "condition", effect: "deduction", amount: d('2') }, [['scope', "indicator", "此项不得分"], ['amount', "2", "倒扣2分"]]]], [], { allowNegative: true }, [true]],
  ["发现弄虚作假的，此项不得分，另外倒扣2分。", '5', 'ok', "", [["发现弄虚作假的，此项不得分", { kind: "zero", scope: "indicator" }, [['scope', "indicator", "此项不得分"]]], ["另外倒扣2分", { kind: "condition", effect: "deduction", amount: d('2') }, [['amount', "2", "倒扣2分"]]]], [], { allowNegative: true }, [false,true]],
  ["发现弄虚作假的，此项不得分，每起扣1分，同时倒扣2分。", '5', 'needs-review', "本项计零（不得分）与“倒扣”同时出现，另有扣分不在计零之后：计零会把它一并抵消（倒扣应为 0 分再扣），两者如何结合未写明，需人工确认", [["发现弄虚作假的，此项不得分", { kind: "zero", scope: "indicator" }, [['scope', "indicator", "此项不得分"]]], ["每起扣1分", { kind: "per-occurrence", effect: "deduction", amount: d('1') }, [['amount', "1", "扣1分"], ['counter', "起", "每起"]]], ["同时倒扣2分", { kind: "condition", effect: "deduction", amount: d('2') }, [['amount', "2", "倒扣2分"]]]], [], { allowNegative: true }, [false,false,true]],
  ["发现弄虚作假的，此项不得分，倒扣2分。", '5', 'needs-review', "“倒扣2分”前没有扣分条件", [["发现弄虚作假的，此项不得分", { kind: "zero", scope: "indicator" }, [['scope', "indicator", "此项不得分"]]]], [], undefined, [false]],
  ["发现弄虚作假的，此项不得分。（情节严重的，倒扣2分）", '5', 'needs-review', "本项计零（不得分）与“倒扣”同时出现，另有扣分不在计零之后：计零会把它一并抵消（倒扣应为 0 分再扣），两者如何结合未写明，需人工确认", [["发现弄虚作假的，此项不得分", { kind: "zero", scope: "indicator" }, [['scope', "indicator", "此项不得分"]]], ["情节严重的，倒扣2分", { kind: "condition", effect: "deduction", amount: d('2') }, [['amount', "2", "倒扣2分"]]]], [], { allowNegative: true }, [false,false]],
  ["发现弄虚作假的，此项不得分，同时倒扣2分；发现重大失误的，此项不得分，同时倒扣1分。", '5', 'ok', "", [["发现弄虚作假的，此项不得分，同时倒扣2分", { kind: "condition", effect: "deduction", amount: d('2') }, [['scope', "indicator", "此项不得分"], ['amount', "2", "倒扣2分"]]], ["发现重大失误的，此项不得分，同时倒扣1分", { kind: "condition", effect: "deduction", amount: d('1') }, [['scope', "indicator", "此项不得分"], ['amount', "1", "倒扣1分"]]]], [], { allowNegative: true }, [true,true]],
];

describe('whole clauses: rules, allocations and item policies', () => {
  it.each(rows)('%s (%s 分)', (text, points, status, reason, rules, allocations, indicator, afterZero) => {
    const r = compileRuleText(text, points === undefined ? {} : { points: d(points) });
    expect([r.status, r.reason ?? '']).toEqual([status, reason]);
    expect(r.rules.map((c) => [c.text, c.rule, c.params.map((p) => [p.name, p.value, p.phrase]), ...(c.review === undefined ? [] : [c.review])])).toStrictEqual(rules);
    expect((r.allocations ?? []).map((a) => [a.text, a.span, P.toStr(a.points)])).toEqual(allocations);
    expect(r.indicator).toEqual(indicator);
    expect(r.rules.map((c) => c.afterZero === true)).toEqual(afterZero);
  });
});
