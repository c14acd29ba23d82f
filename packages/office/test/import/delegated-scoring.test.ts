import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { toStr } from '@kaohe/core';
import { importScheme } from '../../src/import/import-scheme';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

// A letter written for this test in the shape of corpus 11: weighted items with targets, no scoring sentence,
// and the scoring handed to a 细则 that is not part of the document.
const letter = [
  '某集团2016年经营目标责任书',
  '一、甲方对乙方考核下列指标：',
  '1.生产运行指标（权重60%）：',
  '（1）设备完好率≥98%；',
  '（2）计划完成率100%。',
  '2.安全生产指标（权重40%）：详见HSE责任书。',
  '二、相应指标考核细则按《某集团业绩考核办法（2016版）》执行。',
].join('\n');

describe('delegatedIssues (scoring not stated in the document)', () => {
  it('says per target + points item that the document states no scoring, naming the document it is handed to', async () => {
    const { report } = await importScheme({ name: 'letter.txt', bytes: utf8(letter) });
    const said = report.issues.filter((i) => i.code === 'scoring-not-stated').map((i) => i.message);
    expect(said).toHaveLength(2);
    expect(said[0]).toContain('“生产运行指标”：本文件未写明计分方法（未见“按完成比例”等读法），原文第 7 行“相应指标考核细则按《某集团业绩考核办法（2016版）》执行”，《某集团业绩考核办法（2016版）》未随本方案提供');
    expect(said[1]).toContain('“安全生产指标”：本文件未写明计分方法，原文写“详见HSE责任书”');
    // Nothing is compiled from a target: the items stay target + points, no rule is assumed.
    expect(report.coverage.targetOnly).toBe(2);
    expect(report.coverage.scoring).toBe(0);
  });

  it('says nothing of the kind for a document that hands nothing over', async () => {
    const own = [...letter.split('\n').slice(0, 5), '2.安全生产指标（权重40%）：', '（1）安全事故为零。'].join('\n');
    const { report } = await importScheme({ name: 'letter.txt', bytes: utf8(own) });
    expect(report.issues.filter((i) => i.code === 'scoring-not-stated')).toEqual([]);
  });
});

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const corpus = process.env['KAOHE_CORPUS'] ?? join(root, '../shared/corpus');
const letters = ['001', '0011', '008'].map((n) => join(corpus, `11_soe-sinopec-chuanqi-dongsong_2015_target-responsibility-letter_CQDS-2015-${n}`));
const present = existsSync(`${letters[0]}.txt`);
if (!present) console.warn(`corpus 11 tests skipped: ${corpus} not found (set KAOHE_CORPUS to its folder)`);

describe.skipIf(!present)('corpus 11 (three 目标责任书 .doc/.txt): 管理类 items state no scoring', () => {
  it.each(letters.flatMap((l) => [`${l}.txt`, `${l}.doc`]))('%s: every target + points item says so, 安全生产 names the HSE责任书, the 约束性 clause is a deduction under each stated ceiling', async (file) => {
    const { report, scheme } = await importScheme(file);
    const said = report.issues.filter((i) => i.code === 'scoring-not-stated');
    expect(said).toHaveLength(report.coverage.targetOnly);
    expect(said.filter((i) => i.message.includes('详见HSE责任书'))).toHaveLength(1);
    // The 细则's name as the letter writes it (read from its .txt, never committed).
    const rules = /《[^》]*细则[^》]*》/u.exec(readFileSync(file.replace(/\.doc$/u, '.txt'), 'utf8'))?.[0];
    expect(rules).toBeDefined();
    expect(said.filter((i) => !i.message.includes('详见')).every((i) => i.message.includes(`${rules!}未随本方案提供`))).toBe(true);
    // 约束性指标: "依据《…办法》，相应给予减分（扣分上限：安全环保15分，节能5分）" — a deduction the assessor enters from
    // that document, at most 15 for 安全环保 and 5 for 节能; nothing left for review, the missing document in a warning.
    expect(report.workList).toEqual([]);
    const bound = scheme.indicators[0]!.children!.find((i) => i.title === '约束性指标')!;
    expect(bound.clauses!.map((c) => [c.rule.kind, 'max' in c.rule ? toStr(c.rule.max!) : undefined, c.status])).toEqual([['discretionary', '15', 'ok'], ['discretionary', '5', 'ok']]);
    expect(report.clauses.flatMap((c) => c.warnings).filter((w) => w.includes('本方案只写明上限：安全环保最多扣15分，节能最多扣5分'))).toHaveLength(1);
  }, 60_000);
});
