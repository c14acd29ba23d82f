import { describe, expect, it } from 'vitest';
import { compileRuleText } from '../../src/text/compile-rule';
import { show } from './show-rule';

/** Sentences written for these tests: the catalogue patterns with other numbers, counting words and word order. */
const rulesOf = (text: string) => compileRuleText(text).rules.map((c) => show(c.rule));

describe('compileRuleText variants', () => {
  it.each([
    ['每例', '发现违规收费的，每例扣 0.3 分', { kind: 'per-occurrence', effect: 'deduction', amount: '0.3' }],
    ['每人次', '干部被约谈的，每人次扣0.25分', { kind: 'per-occurrence', effect: 'deduction', amount: '0.25' }],
    ['每处', '发现安全隐患未整改的每处扣0.02分', { kind: 'per-occurrence', effect: 'deduction', amount: '0.02' }],
    ['每个', '每个未建档的扣 0.05 分', { kind: 'per-occurrence', effect: 'deduction', amount: '0.05' }],
    ['每批次', '抽检不合格的，每批次扣1分', { kind: 'per-occurrence', effect: 'deduction', amount: '1' }],
    ['每条', '信息报送错误的每条扣０．０２分', { kind: 'per-occurrence', effect: 'deduction', amount: '0.02' }],
    ['Chinese amount', '被上级通报的，每次扣两分', { kind: 'per-occurrence', effect: 'deduction', amount: '2' }],
    ['per-N', '群众投诉经查属实的，每5件扣0.1分', { kind: 'per-occurrence', effect: 'deduction', amount: '0.1', per: 5 }],
    ['bonus', '被省级媒体报道的，每次加0.5分，最高加2分', { kind: 'per-occurrence', effect: 'bonus', amount: '0.5', cap: '2' }],
    ['cap first', '最多扣3分，每起扣1分', { kind: 'per-occurrence', effect: 'deduction', amount: '1', cap: '3' }],
    ['condition', '未制定年度工作计划的扣0.3分', { kind: 'condition', effect: 'deduction', amount: '0.3' }],
    ['reordered condition', '扣0.3分：未制定年度工作计划', undefined],
    ['shortfall 不少于', '每季度召开专题会议不少于3次，每少一次扣0.2分，全年未召开扣1分', { kind: 'shortfall', effect: 'deduction', required: 3, amount: '0.2', noneAmount: '1' }],
    ['steps 未达到', '群众满意率未达到90%的，每低1个百分点扣0.2分', { kind: 'threshold-steps', effect: 'deduction', metric: { of: 'rate', percent: true }, threshold: '90', direction: 'below', step: '1', perStep: '0.2' }],
    ['steps 再扣', '办结率低于百分之九十五的扣0.5分，每低2个百分点再扣0.1分，扣完为止', { kind: 'threshold-steps', effect: 'deduction', metric: { of: 'rate', percent: true }, threshold: '95', direction: 'below', initial: '0.5', step: '2', perStep: '0.1' }],
    ['lateness workday', '报送材料逾期的，每超1个工作日扣0.05分', { kind: 'lateness', effect: 'deduction', amountPerPeriod: '0.05', period: 'workday' }],
    ['lateness 延迟', '每延迟一天扣0.1分，最多扣1分', { kind: 'lateness', effect: 'deduction', amountPerPeriod: '0.1', period: 'day', cap: '1' }],
    ['discretionary 视情', '工作推进缓慢的，视情扣分', { kind: 'discretionary', effect: 'deduction', min: '0' }],
    ['discretionary range ～', '整改不到位的，扣0.2～0.5分', { kind: 'discretionary', effect: 'deduction', min: '0.2', max: '0.5' }],
    ['zero 直接计零分', '发生重大安全责任事故的，直接计零分', { kind: 'zero', scope: 'indicator' }],
    ['completion', '按时完成任务的得3分，否则不得分', { kind: 'completion', points: '3' }],
    ['proportional', '按实际完成比例计分', { kind: 'proportional', effect: 'score' }],
    ['rank bands', '按考核得分排名，1-3名得10分，4-8名得6分，其余得2分', { kind: 'rank-bands', effect: 'score', metric: { of: 'value' }, order: 'desc', bands: [{ from: 1, to: 3, amount: '10' }, { from: 4, to: 8, amount: '6' }], otherwise: '2' }],
    ['bottom-k', '年度排名后3名的，扣0.2分', { kind: 'bottom-k', metric: { of: 'value' }, order: 'desc', k: 3, amount: '0.2' }],
  ])('%s', (_name, text, want) => {
    const got = rulesOf(text);
    if (want === undefined) expect(compileRuleText(text).status).toBe('needs-review');
    else expect(got).toEqual([want]);
  });

  it('levels in another order and another count (县 included)', () => {
    expect(rulesOf('被市、县督查通报的，每次分别扣 0.2 分、0.1 分')).toEqual([
      { kind: 'per-occurrence', effect: 'deduction', tiers: { by: 'level', amounts: { 市: '0.2', 县: '0.1' } } },
    ]);
  });

  it('severities listed without 其中', () => {
    expect(rulesOf('被警告处分的扣0.5分，被记过处分的扣1分，被撤职处分的扣2分')).toEqual([
      { kind: 'per-occurrence', effect: 'deduction', tiers: { by: 'severity', amounts: { 警告处分: '0.5', 记过处分: '1', 撤职处分: '2' } } },
    ]);
  });

  it('分别扣 with fewer amounts than levels is flagged, not guessed', () => {
    const r = compileRuleText('被中央、省、市通报的，分别扣 0.5 分、0.3 分');
    expect(r.status).toBe('needs-review');
    expect(r.reason).toBe('分别扣的分值个数（2）与前文层级个数（3：中央、省、市）不一致');
    expect(r.rules).toEqual([]);
  });

  it('dedupe and double modifiers attach to the per-occurrence rule', () => {
    expect(rulesOf('被曝光的每次扣1分，同一事项不重复扣分')).toEqual([{ kind: 'per-occurrence', effect: 'deduction', amount: '1', dedupe: 'event-key' }]);
    expect(rulesOf('未按期整改的每件扣0.1分（被通报后仍未整改的加倍扣分）')).toEqual([
      { kind: 'per-occurrence', effect: 'deduction', amount: '0.1', double: { flag: 'not-rectified' } },
    ]);
  });

  it('a clause-wide cap over several rules becomes an indicator policy', () => {
    const r = compileRuleText('未建立台账的扣0.2分；台账不规范的扣0.1分；本项扣分不超过0.3分。');
    expect(r.rules).toHaveLength(2);
    expect(r.indicator?.deductionCap).toBe(300_000);
    expect(r.status).toBe('ok');
  });
});

describe('compileRuleText needs-review reasons', () => {
  it.each([
    ['按规定执行', '发生失泄密事件的，按规定执行', '“按规定执行”未说明后果'],
    ['veto', '发生重大群体性事件的，实行一票否决', '一票否决：否决效果未在本条写明（见考核办法），需配置否决效果'],
    ['折算 with document', '根据《平安建设考评办法》折算扣分', '折算方法见另一细则《平安建设考评办法》，未给出公式'],
    ['no amount', '未按要求落实的，扣分', '未识别扣分数值'],
    ['no threshold', '每低1个百分点扣0.1分', '“每低…扣”未给出达标值（是否按指标目标值计算需确认）'],
  ])('%s', (_name, text, reason) => {
    const r = compileRuleText(text);
    expect(r.status).toBe('needs-review');
    expect(r.reason).toBe(reason);
  });

  it('lists what was understood next to what was not', () => {
    // 002:834: the veto part is flagged, the 0.2 deduction still compiles.
    const r = compileRuleText('发生普通密码设备和密码电报丢失,造成严重泄密后果的,一票否决,未造成泄密后果的,扣0.2分');
    expect(r.status).toBe('needs-review');
    expect(r.rules.map((c) => show(c.rule))).toEqual([{ kind: 'condition', effect: 'deduction', amount: '0.2' }]);
    expect(r.issues.map((i) => i.text)).toEqual(['发生普通密码设备和密码电报丢失,造成严重泄密后果的,一票否决']);
  });

  it('lists introductory text as ignored rather than dropping it', () => {
    const r = compileRuleText('积极推进“建设清廉机关、创建模范机关”：\n1. 发展党员程序不规范，未按规定执行的扣 0.1 分。');
    expect(r.status).toBe('ok');
    expect(r.ignored.map((x) => x.text)).toEqual(['积极推进“建设清廉机关、创建模范机关”：']);
  });
});
