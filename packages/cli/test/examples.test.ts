/**
 * The two hand-transcribed examples (examples/README.md) parse, lint as expected and score to the
 * figures computed BY HAND below. Each expected number carries its arithmetic and the source line
 * of the indicator it comes from (001 = 佳县 2020, 000 = 嘉兴市文化广电旅游局 2020).
 *
 * Only the example files are read, through paths relative to this test file.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseFacts, parseScheme } from '@kaohe/contract';
import { evaluate, toStr, type Clause, type Code, type Dec, type Fact, type Indicator, type NodeResult, type Scheme, type UnitResult } from '@kaohe/core';

const example = (rel: string): { path: string; text: string } => {
  const path = fileURLToPath(new URL(`../../../examples/${rel}`, import.meta.url));
  return { path, text: readFileSync(path, 'utf8') };
};

const load = (dir: string): { scheme: Scheme; lint: ReturnType<typeof parseScheme>['lint'] } => {
  const s = example(`${dir}/scheme.yaml`);
  return parseScheme(s.text, s.path);
};

const facts = (scheme: Scheme, rel: string): Fact[] => {
  const f = example(rel);
  return parseFacts(f.text, f.path, scheme);
};

const sumLedger = (u: UnitResult): string => toStr(u.ledger.reduce((a, l) => a + l.amount, 0) as Dec);

function findNode(nodes: readonly NodeResult[], code: Code): NodeResult | undefined {
  for (const n of nodes) {
    if (n.code === code) return n;
    const inner = findNode(n.children, code);
    if (inner) return inner;
  }
  return undefined;
}

function findIndicator(list: readonly Indicator[], code: Code): Indicator | undefined {
  for (const n of list) {
    if (n.code === code) return n;
    const inner = findIndicator(n.children ?? [], code);
    if (inner) return inner;
  }
  return undefined;
}

// =====================================================================================================
// 佳县 2020 (001)
// =====================================================================================================
describe('examples/jiaxian-2020 (001 佳县)', () => {
  const { scheme, lint } = load('jiaxian-2020');
  const result = evaluate(scheme, facts(scheme, 'jiaxian-2020/facts.yaml'));
  const unit = (code: Code): UnitResult => result.units.find((u) => u.unit === code)!;

  it('transcribes 11 units, the 20-indicator town template, 6 department tables and the 40-row negative list', () => {
    expect(scheme.units.map((u) => u.code)).toEqual(['xizhen', 'kengzhen', 'dianzhen', 'mutouyu', 'kangjiagang', 'jiwei', 'xwb', 'xcb', 'fgkj', 'czj', 'zrzy']);
    const town = scheme.indicators.filter((i) => i.appliesTo?.categories?.includes('town'));
    expect(town.map((i) => i.code)).toEqual(['XCZX', 'JJ', 'TP', 'AQ', 'MS']);
    // 20 indicators: 4 + 1 + 1 (脱贫攻坚 is category and indicator in one cell, 001:521) + 6 + 8
    const indicators = town.flatMap((c) => (c.children && c.code !== 'TP' ? c.children : [c]));
    expect(indicators).toHaveLength(20);
    expect(scheme.negativeList).toHaveLength(40);
    const n421 = scheme.negativeList.find((n) => n.code === 'N421')!;
    expect(n421.rule).toMatchObject({ kind: 'per-occurrence', tiers: { by: 'level' } });
    expect(Object.fromEntries(Object.entries((n421.rule as { tiers: { amounts: Record<string, Dec> } }).tiers.amounts).map(([k, v]) => [k, toStr(v)]))).toEqual({ 省: '1.5', 市: '1', 县: '0.5' });
  });

  it('lints exactly the inconsistencies the source and the excerpt carry', () => {
    expect(lint.every((l) => l.severity === 'warning')).toBe(true);
    expect(lint.map((l) => [l.code, l.path, l.message])).toEqual([
      // 民生保障 "35分" (001:556) over 8 items × 5 = 40 (001:557-591), catalogue §8.2
      ['points-sum', 'indicators[4]', '“民生保障”分值 35 分，下级指标合计 40 分'],
      // stated category totals 20 + 5 + 5 + 30 + 35 = 95 for the towns; 店镇 50 + 10 + 5 + 30 + 35 = 130;
      // every department table is 100
      ['unit-total', 'units[0]', '“螅镇”的指标分值合计 95 分，多数单位为 100 分'],
      ['unit-total', 'units[1]', '“坑镇”的指标分值合计 95 分，多数单位为 100 分'],
      ['unit-total', 'units[2]', '“店镇”的指标分值合计 130 分，多数单位为 100 分'],
      ['unit-total', 'units[3]', '“木头峪镇”的指标分值合计 95 分，多数单位为 100 分'],
      ['unit-total', 'units[4]', '“康家港便民服务中心”的指标分值合计 95 分，多数单位为 100 分'],
      // only 5 of the 20 towns are transcribed: 24000 + 37000 + 36000 + 35000 + 30000 = 162000 亩 < 864000 (001:5004);
      // the parent 864000 ≥ the city's 862000 (001:125), so no cascade-below-upper
      ['cascade-below-parent', 'cascades[0]', '“粮食播种面积”各单位分解目标合计 162000亩，低于上级目标 864000亩'],
      // 30000 + 40000 + 40000 + 30000 + 30000 = 170000 株 < 650000 (001:4982)
      ['cascade-below-parent', 'cascades[1]', '“义务植树”各单位分解目标合计 170000株，低于上级目标 650000株'],
    ]);
  });

  it('repeats each scored figure of a target text exactly in the figure child', () => {
    const pairs: [Code, Code, string][] = [
      ['NY', 'NY.LSMJ', '粮食播种面积'],
      ['NY', 'NY.LSCL', '粮食总产量'],
      ['NY', 'NY.SZCL', '生猪存栏'],
      ['NY', 'NY.RJHJ', '农村人居环境整治村'],
      ['LY', 'LY.ZY', '低产枣园改造'],
      ['LY', 'LY.ZS', '义务植树'],
      ['SL', 'SL.YS', '农村安全饮水'],
      ['TZ', 'TZ.GDZC', '固定资产投资'],
      ['TZ', 'TZ.SW', '招商引资省外到位资金'],
      ['TZ', 'TZ.SN', '省内到位资金'],
    ];
    for (const [parent, child, figure] of pairs) {
      const p = findIndicator(scheme.indicators, parent)!;
      const c = findIndicator(scheme.indicators, child)!;
      for (const [u, t] of Object.entries(p.targets ?? {})) {
        expect(c.targets?.[u]?.value, `${child} ${u}`).toBe(t.values?.[figure]);
        // a figure is listed for a town exactly when its target text names it (店镇 has no 枣园, 001:723)
        expect(t.text?.includes(figure), `${parent} ${u} text`).toBe(t.values?.[figure] !== undefined);
      }
    }
    // 水保治理面积 is 1.55km² in every block (001:509, 617, 729, 841, 1948): one common target
    const sb = findIndicator(scheme.indicators, 'SL.SB')!;
    for (const t of Object.values(findIndicator(scheme.indicators, 'SL')!.targets ?? {})) expect(t.values?.['水保治理面积']).toBe(sb.target?.value);
  });

  // ---------------------------------------------------------------------------------------------
  // Hand arithmetic, town by town. proportional: points × min(1, actual/target); completion: flag true →
  // full points, judgement → the judged score; manual: the judged score. Category = Σ its items
  // (民生保障 ceiling 40, office). Total = Σ categories − negative list, rounded to 2 decimals.
  // ---------------------------------------------------------------------------------------------
  type Expect = { categories: Record<Code, string>; items: string; negative: string; total: string; rank: number; tied?: boolean; grade: string };
  const expected: Record<Code, Expect> = {
    // 螅镇 (001:486-592)
    //  乡村振兴 (001:491): 农业农村 (001:497) 粮食播种面积 21600/24000 × 1 = 0.9; 总产量 54168/54168 × 1 = 1;
    //    生猪存栏 1650/1500 → capped at 100% = 1; 人居环境村 4/4 = 1; 其余 done 1 → 4.9
    //    林业 (001:503) 枣园 6000/6000 × 2 = 2; 植树 27000/30000 × 2 = 1.8; 其余 done 1 → 4.8
    //    水利 (001:509) 水保 1.55/1.55 × 2 = 2; 饮水 73/73 × 2 = 2; 其余 1 → 5;  科技 done 5
    //    = 4.9 + 4.8 + 5 + 5 = 19.7
    //  经济发展 (001:519): 固投 4050/4500 × 2 = 1.8; 省外 1000/1000 × 1 = 1; 省内 600/500 → capped 1; 其余 1 → 4.8
    //  脱贫攻坚 (001:521) done 5
    //  安全稳定 (001:529-550): 5 + 5 + 4.5 (食药 judged) + 5 + 5 + 禁毒 done 5 = 29.5
    //  民生保障 (001:557-591): 7 × 5 + 住建 judged 4 = 39
    //  total 19.7 + 4.8 + 5 + 29.5 + 39 = 98; no negative-list entry → 98
    xizhen: { categories: { XCZX: '19.7', JJ: '4.8', TP: '5', AQ: '29.5', MS: '39' }, items: '98', negative: '0', total: '98', rank: 1, grade: 'excellent' },
    // 坑镇 (001:594-702)
    //  乡村振兴: 农业农村 (001:605) 37000/37000 = 1; 75158.1/83509 = 0.9 → 0.9; 1700/1700 = 1; 人居 4/5 = 0.8; 其余 1 → 4.7
    //    林业 (001:611) 枣园 4500/6000 × 2 = 1.5; 植树 40000/40000 × 2 = 2; 其余 1 → 4.5
    //    水利 (001:617) 2 + 217/217 × 2 = 2 + 其余 judged 0.5 → 4.5;  科技 done 5  →  4.7 + 4.5 + 4.5 + 5 = 18.7
    //  经济发展 (001:629): 5300/5300 × 2 = 2; 省外 800/1000 × 1 = 0.8; 省内 1; 其余 1 → 4.8
    //  脱贫攻坚 5;  安全稳定 5 + 5 + 5 + 5 + 信访 judged 4 + 5 = 29;  民生保障 8 × 5 = 40
    //  items 18.7 + 4.8 + 5 + 29 + 40 = 97.5; 负面清单 001:421 被市上通报 −1 → 96.5
    kengzhen: { categories: { XCZX: '18.7', JJ: '4.8', TP: '5', AQ: '29', MS: '40' }, items: '97.5', negative: '1', total: '96.5', rank: 2, grade: 'excellent' },
    // 店镇 (001:704-815), the variant: 乡村振兴 50 = 20/10/10/10, 经济发展 10 (pointsByUnit)
    //  乡村振兴: 农业农村 20 = 5 children × 4 (001:717): 36000/36000 × 4 = 4; 81252/81252 × 4 = 4;
    //    生猪存栏 1800/2400 × 4 = 3; 人居 6/8 × 4 = 3; 其余 done 4 → 18
    //    林业 10 (001:723, no 枣园 target): 植树 32000/40000 × 5 = 4; 其余 done 5 → 9
    //    水利 10 (001:729): 水保 4 + 饮水 653/653 × 4 = 4 + 其余 2 → 10;  科技 10 judged 8  →  18 + 9 + 10 + 8 = 45
    //  经济发展 10 (001:743): 固投 3600/4500 × 4 = 3.2; 省外 2; 省内 2; 其余 2 → 9.2
    //  脱贫攻坚 5;  安全稳定 5 + 安全生产 judged 4.5 + 5 + 5 + 5 + 5 = 29.5;  民生保障 7 × 5 + 民政 judged 4 = 39
    //  items 45 + 9.2 + 5 + 29.5 + 39 = 127.7 on a 135-point scale (50 + 10 + 5 + 30 + 民生保障 ceiling 40);
    //  settings.normaliseTo 100 (折算为百分制): 127.7 × 100 / 135 = 94.5925925… → 94.592593 (one rounding to 10^-6);
    //  001:421 省上通报 −1.5 → 93.092593 → 93.09 (2 decimals, half-up)
    dianzhen: { categories: { XCZX: '45', JJ: '9.2', TP: '5', AQ: '29.5', MS: '39' }, items: '94.592593', negative: '1.5', total: '93.09', rank: 4, grade: 'good' },
    // 木头峪镇 (001:818-924)
    //  乡村振兴: 农业农村 (001:829) 31500/35000 = 0.9; 78995/78995 = 1; 700/700 = 1; 人居 6/8 = 0.75; 其余 judged 0.5 → 4.15
    //    林业 (001:835) 枣园 3000/6000 × 2 = 1; 植树 30000/30000 × 2 = 2; 其余 1 → 4
    //    水利 (001:841) 2 + 145/145 × 2 = 2 + 1 → 5;  科技 judged 4  →  4.15 + 4 + 5 + 4 = 17.15
    //  经济发展 (001:851): 3600/4500 × 2 = 1.6; 1; 1; 1 → 4.6
    //  脱贫攻坚 5;  安全稳定 5 + 5 + 5 + 环保 judged 4.5 + 5 + 禁毒 judged 4 = 28.5
    //  民生保障 6 × 5 + 文旅 4.5 + 自然资源 4 = 38.5
    //  total 17.15 + 4.6 + 5 + 28.5 + 38.5 = 93.75
    mutouyu: { categories: { XCZX: '17.15', JJ: '4.6', TP: '5', AQ: '28.5', MS: '38.5' }, items: '93.75', negative: '0', total: '93.75', rank: 3, grade: 'good' },
    // 康家港便民服务中心 (001:1925-2034)
    //  乡村振兴: 农业农村 (001:1936) 24000/30000 = 0.8; 67710/67710 = 1; 480/600 = 0.8; 5/5 = 1; 其余 judged 0.6 → 4.2
    //    林业 (001:1942) 枣园 250/500 × 2 = 1; 植树 24000/30000 × 2 = 1.6; 其余 1 → 3.6
    //    水利 (001:1948) 水保 not applicable (evidenced) → full points 2; 饮水 507/507 × 2 = 2; 其余 1 → 5
    //    科技 judged 3.5  →  4.2 + 3.6 + 5 + 3.5 = 16.3
    //  经济发展 (001:1960): 2400/3000 × 2 = 1.6; 省外 250/500 × 1 = 0.5; 省内 500/500 = 1; 其余 judged 0.5 → 3.6
    //  脱贫攻坚 judged 3;  安全稳定 4 + 2 + 5 + 4 + 5 + 5 = 25
    //  民生保障 5 + 4.5 + 4 + 5 + 5 + 4 + 创建 not done 0 + 5 = 32.5
    //  items 16.3 + 3.6 + 3 + 25 + 32.5 = 80.4; 001:421 被县上通报 −0.5 → 79.9
    kangjiagang: { categories: { XCZX: '16.3', JJ: '3.6', TP: '3', AQ: '25', MS: '32.5' }, items: '80.4', negative: '0.5', total: '79.9', rank: 5, grade: 'pass' },

    // Departments: each row is the assessor's judgement in [0, 分值] (the source gives no rule).
    // 县纪委监委 (001:2756): 职能工作 8 rows × 10 with rows 4 and 7 judged 9 → 80 − 1 − 1 = 78; 市考指标 10; 改革创新 8
    //  total 78 + 10 + 8 = 96
    jiwei: { categories: { 'JW.ZN': '78', 'JW.SK': '10', 'JW.GG': '8' }, items: '96', negative: '0', total: '96', rank: 2, grade: 'excellent' },
    // 县委办公室 (001:2805): 职能工作 10+5+5+10+10+10+5+5+10+10 = 80 with 督查 (row 4) judged 9 → 79; 市考 10; 改革 10
    //  items 99; 001:219 未完成全面建成小康社会补短板年度任务 −1.5 → 97.5
    xwb: { categories: { 'XWB.ZN': '79', 'XWB.SK': '10', 'XWB.GG': '10' }, items: '99', negative: '1.5', total: '97.5', rank: 1, grade: 'good' },
    // 县委宣传部 (001:2917): rows 10 + 9 + 8 + 10 + 9 + 9 + 10 + 7 = 72; 市考 8; 改革 7 → 87
    xcb: { categories: { 'XCB.ZN': '72', 'XCB.SK': '8', 'XCB.GG': '7' }, items: '87', negative: '0', total: '87', rank: 3, grade: 'good' },
    // 县发展改革和科技局 (001:4460): rows 5+5+5+5+10+10+10+5+10+10+5 = 80 with 营商 8 (−2), 招商 9 (−1) → 77; 市考 9; 改革 9
    //  items 95; 001:381 营商环境综合评分未达到80分 −0.5 → 94.5
    fgkj: { categories: { 'FG.ZN': '77', 'FG.SK': '9', 'FG.GG': '9' }, items: '95', negative: '0.5', total: '94.5', rank: 1, tied: true, grade: 'good' },
    // 县财政局 (001:4525): rows 5+5+10+10+10+10+10+5+5+10+10 = 90 with 财力补助 4 (−1), 投融资 9 (−1) → 88; 改革 7
    //  items 95; 001:229 未完成隐性债务化解任务 −0.5 → 94.5
    czj: { categories: { 'CZ.ZN': '88', 'CZ.GG': '7' }, items: '95', negative: '0.5', total: '94.5', rank: 1, tied: true, grade: 'good' },
    // 县自然资源和规划局 (001:4737): rows 8 + 15 + 10 + 10 + 10 + 9 + 12 = 74; 改革 5 → 79
    //  001:411 国土空间规划 −0.5, 001:416 农村不动产权 −0.5 → 78
    zrzy: { categories: { 'ZR.ZN': '74', 'ZR.GG': '5' }, items: '79', negative: '1', total: '78', rank: 3, grade: 'pass' },
  };
  // Grades (office configuration, scheme.yaml `grading`): ≥90 优秀, ≥80 良好, ≥60 合格; 优秀 ≤ 30% of the group, half-up.
  //  towns (5 → 2 places): 店镇 93.09 has −1.5 on the negative list → capped at 良好 before the quota;
  //    the 优秀 holders 螅镇 98, 坑镇 96.5, 木头峪镇 93.75 exceed the 2 places → 木头峪镇 良好 (quota); 康家港 79.9 合格.
  //  （一）党委工作部门 (3 → 1 place): 县委办公室 97.5 ranks first but has −1.5 → 良好; 县纪委监委 96 takes the place; 宣传部 87 良好.
  //  （五）经济发展部门 (3 → 1 place): 发改 94.5 and 财政 94.5 tie at the edge → exclude-tied → both 良好; 自然资源 78 合格.

  for (const [code, e] of Object.entries(expected)) {
    it(`scores ${code} as computed by hand: ${e.total}, rank ${e.rank}, ${e.grade}`, () => {
      const u = unit(code);
      for (const [node, score] of Object.entries(e.categories)) expect(toStr(findNode(u.nodes, node)!.score), `${code} ${node}`).toBe(score);
      expect(toStr(u.itemsTotal)).toBe(e.items);
      expect(toStr(u.negativeTotal)).toBe(e.negative);
      expect(toStr(u.total)).toBe(e.total);
      expect(u.ranks).toHaveLength(1);
      expect(u.ranks[0]).toMatchObject({ rank: e.rank, isTied: e.tied ?? false });
      expect(u.grade).toBe(e.grade);
      expect(u.pendingJudgements).toBe(0);
      expect(u.needsReview).toBe(0);
      // every point gained or lost is a ledger line
      expect(sumLedger(u)).toBe(toStr(u.total));
    });
  }

  it('ranks each group as listed and explains the three grade corrections', () => {
    expect(result.groups.map((g) => [g.code, g.units.map((u) => `${u.unit}:${u.rank}`)])).toEqual([
      ['towns', ['xizhen:1', 'kengzhen:2', 'mutouyu:3', 'dianzhen:4', 'kangjiagang:5']],
      ['dept-party', ['xwb:1', 'jiwei:2', 'xcb:3']],
      ['dept-econ', ['fgkj:1', 'czj:1', 'zrzy:3']],
    ]);
    expect(unit('dianzhen').gradeNotes).toEqual(['grade.capped|excellent|good|负面清单扣分达1.5分的不得评为优秀']);
    expect(unit('xwb').gradeNotes).toEqual(['grade.capped|excellent|good|负面清单扣分达1.5分的不得评为优秀']);
    expect(unit('mutouyu').gradeNotes).toEqual(['grade.quota|excellent|2']);
    expect(unit('fgkj').gradeNotes).toEqual(['grade.quota-tie|excellent|1|exclude-tied']);
    expect(unit('czj').gradeNotes).toEqual(['grade.quota-tie|excellent|1|exclude-tied']);
  });

  it('keeps an evidenced not-applicable at full points (康家港 水保治理面积, office: full-points)', () => {
    const sb = findNode(unit('kangjiagang').nodes, 'SL.SB')!;
    expect(sb.status).toBe('not-applicable');
    expect(toStr(sb.score)).toBe('2');
  });

  it('reads the same facts from the CSV route (facts.csv = 螅镇\'s facts)', () => {
    const csv = facts(scheme, 'jiaxian-2020/facts.csv');
    const yaml = facts(scheme, 'jiaxian-2020/facts.yaml').filter((f) => f.unit === 'xizhen');
    const strip = (f: Fact): Record<string, unknown> => {
      const { id: _id, ...rest } = f;
      return rest;
    };
    expect(csv).toHaveLength(31);
    expect(csv.map(strip)).toEqual(yaml.map(strip));
    const others = facts(scheme, 'jiaxian-2020/facts.yaml').filter((f) => f.unit !== 'xizhen');
    const viaCsv = evaluate(scheme, [...others, ...csv]);
    expect(toStr(viaCsv.units.find((u) => u.unit === 'xizhen')!.total)).toBe('98');
  });
});

// =====================================================================================================
// 嘉兴市文化广电旅游局 2020, 党的建设清单 (000:20-281)
// =====================================================================================================
describe('examples/jiaxing-culture-2020 (000 党的建设清单)', () => {
  const { scheme, lint } = load('jiaxing-culture-2020');
  const result = evaluate(scheme, facts(scheme, 'jiaxing-culture-2020/facts.yaml'));
  const u = result.units[0]!;

  // clause code → divisions: the clause's own (clause-level assignment), else the nearest indicator's.
  const divisionsOf = new Map<Code, Code[]>();
  const sectionOf = new Map<Code, Code>();
  const clauses: Clause[] = [];
  const walk = (list: readonly Indicator[], inherited: Code[], section: Code | undefined): void => {
    for (const n of list) {
      const here = n.divisions ?? inherited;
      for (const c of n.clauses ?? []) {
        clauses.push(c);
        divisionsOf.set(c.code, c.divisions ?? here);
        sectionOf.set(c.code, section ?? n.code);
      }
      walk(n.children ?? [], here, section ?? n.code);
    }
  };
  walk(scheme.indicators, [], undefined);

  it('transcribes 7 sections and 52 clauses, none with points (Mode D lists)', () => {
    expect(scheme.indicators.map((i) => i.code)).toEqual(['DJ1', 'DJ2', 'DJ3', 'DJ4', 'DJ5', 'DJ6', 'DJ7']);
    expect(clauses).toHaveLength(52);
    const perSection = [...sectionOf.values()].reduce<Record<string, number>>((a, s) => ({ ...a, [s]: (a[s] ?? 0) + 1 }), {});
    // catalogue §1.1: 2+3+3+2+1, 4+1+1+1+1, 4, 10, 9, 3, 7
    expect(perSection).toEqual({ DJ1: 11, DJ2: 8, DJ3: 4, DJ4: 10, DJ5: 9, DJ6: 3, DJ7: 7 });
    const anyPoints = (list: readonly Indicator[]): boolean => list.some((i) => i.points !== undefined || anyPoints(i.children ?? []));
    expect(anyPoints(scheme.indicators)).toBe(false);
  });

  it('assigns clauses to divisions exactly as the source states', () => {
    // 意识形态工作 000:195-197: 1-3，6，8-10：办公室 / 4：艺术处、公共服务处、文物处、执法队 / 5、7：机关党委
    for (const n of [1, 2, 3, 6, 8, 9, 10]) expect(divisionsOf.get(`DJ4.${n}`)).toEqual(['bgs']);
    expect(divisionsOf.get('DJ4.4')).toEqual(['ysc', 'ggfwc', 'wwc', 'zfd']);
    for (const n of [5, 7]) expect(divisionsOf.get(`DJ4.${n}`)).toEqual(['jgdw']);
    // 组织工作 000:227-228: 1-5，9：人事处；6-8：机关党委
    for (const n of [1, 2, 3, 4, 5, 9]) expect(divisionsOf.get(`DJ5.${n}`)).toEqual(['rsc']);
    for (const n of [6, 7, 8]) expect(divisionsOf.get(`DJ5.${n}`)).toEqual(['jgdw']);
    // 统战工作 000:249-250: 1:办公室 2、3：人事处
    expect(divisionsOf.get('DJ6.1')).toEqual(['bgs']);
    expect(divisionsOf.get('DJ6.2')).toEqual(['rsc']);
    expect(divisionsOf.get('DJ6.3')).toEqual(['rsc']);
    // 重点工作抓落实 000:74-75: 1、2：办公室统筹；3.资源开发处
    expect(divisionsOf.get('DJ1.3.1')).toEqual(['bgs']);
    expect(divisionsOf.get('DJ1.3.2')).toEqual(['bgs']);
    expect(divisionsOf.get('DJ1.3.3')).toEqual(['zykfc']);
    // 巡察 000:132: 办公室、机关党委（机关纪委）
    expect(divisionsOf.get('DJ2.3.1')).toEqual(['bgs', 'jgdw']);
    // leaders: 张硕 (section 1), 董佳丽 (section 3), 钱永忠 (2, 4-7)
    expect(scheme.indicators.map((i) => i.leaders)).toEqual([['zhangshuo'], ['qianyongzhong'], ['dongjiali'], ['qianyongzhong'], ['qianyongzhong'], ['qianyongzhong'], ['qianyongzhong']]);
  });

  it('lints the two clauses whose conversion the list does not state', () => {
    expect(lint.map((l) => [l.code, l.path])).toEqual([
      ['needs-review', 'indicators[0].children[4].clauses[0]'], // 000:89 三服务 折算扣分
      ['needs-review', 'indicators[4].clauses[8]'], // 000:222 人才工作述职评议 折算
    ]);
  });

  // Hand arithmetic, event by event (facts.yaml):
  //  DJ1.3.1 (000:68)  省委省政府督查通报未整改 0.3 + 市委市政府 0.2          = 0.5   办公室
  //  DJ1.3.2 (000:69)  同一问题省督查通报两次 → counted once at 省 0.3        = 0.3   办公室
  //  DJ1.3.3 (000:70)  市民生实事少建1处 0.2                                  = 0.2   资源开发处
  //  DJ1.4.2 (000:81)  市委批示 21 天 > 15 天 0.5                             = 0.5   办公室
  //  DJ1.5.1 (000:89)  “三服务”折算 judged 0.3 (clause needs review)          = 0.3   办公室 (section default)
  //  DJ2.2.1 (000:121) 被党纪政务轻处分 0.2                                    = 0.2   机关党委
  //  DJ3.1   (000:162) 集中学习 3 of 4 → 1 × 0.1                              = 0.1   办公室
  //  DJ4.4   (000:184) 展陈错误表述 1 起 0.2                                  = 0.2   艺术处、公共服务处、文物处、执法队
  //  DJ5.2   (000:212) 未及时抽调人员 0.1                                      = 0.1   人事处
  //  DJ5.7   (000:219) 行业系统党建推进不力 0.1                                = 0.1   机关党委
  //  DJ6.1   (000:241) 专题学习 0 of 2 → 未开展 0.5 (not 2 × 0.1)             = 0.5   办公室
  //  DJ7.1   (000:265) 扣 0.1-0.2, judged 0.15                                = 0.15  机关党委
  //  Σ = 0.5 + 0.3 + 0.2 + 0.5 + 0.3 + 0.2 + 0.1 + 0.2 + 0.1 + 0.1 + 0.5 + 0.15 = 3.15 → total −3.15
  //  (count facts with nothing missing — DJ3.2, DJ3.3, DJ4.6 — deduct nothing.)
  it('scores the bureau at −3.15 (Mode D: −ΣD) with a reconciling ledger', () => {
    expect(toStr(u.total)).toBe('-3.15');
    expect(sumLedger(u)).toBe('-3.15');
    expect(u.pendingJudgements).toBe(0);
    expect(u.needsReview).toBe(2); // DJ1.5.1 and DJ5.9 are flagged whether or not they deduct
    const bySection = Object.fromEntries(u.nodes.map((n) => [n.code, toStr(n.score)]));
    // 1: 0.5 + 0.3 + 0.2 + 0.5 + 0.3 = 1.8; 2: 0.2; 3: 0.1; 4: 0.2; 5: 0.1 + 0.1 = 0.2; 6: 0.5; 7: 0.15
    expect(bySection).toEqual({ DJ1: '-1.8', DJ2: '-0.2', DJ3: '-0.1', DJ4: '-0.2', DJ5: '-0.2', DJ6: '-0.5', DJ7: '-0.15' });
  });

  it('attributes the deductions to the divisions as computed by hand', () => {
    // A clause assigned to several divisions charges each of them the full amount (DJ4.4: 0.2 to each of four).
    const byDivision: Record<Code, number> = {};
    for (const l of u.ledger) {
      if (l.kind !== 'deduction') continue;
      for (const d of divisionsOf.get(l.ref) ?? ['（未分配）']) byDivision[d] = (byDivision[d] ?? 0) - l.amount;
    }
    const shown = Object.fromEntries(Object.entries(byDivision).map(([k, v]) => [k, toStr(v as Dec)]));
    expect(shown).toEqual({
      bgs: '2.2', // 办公室: 0.3 + 0.2 (DJ1.3.1) + 0.3 (DJ1.3.2) + 0.5 (DJ1.4.2) + 0.3 (DJ1.5.1) + 0.1 (DJ3.1) + 0.5 (DJ6.1)
      zykfc: '0.2', // 资源开发处: DJ1.3.3
      jgdw: '0.45', // 机关党委: 0.2 (DJ2.2.1) + 0.1 (DJ5.7) + 0.15 (DJ7.1)
      ysc: '0.2', // 艺术处: DJ4.4
      ggfwc: '0.2', // 公共服务处: DJ4.4
      wwc: '0.2', // 文物处: DJ4.4
      zfd: '0.2', // 执法队: DJ4.4
      rsc: '0.1', // 人事处: DJ5.2
    });
  });
});
