import ExcelJS from 'exceljs';
import { AlignmentType, Document, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import { describe, expect, it } from 'vitest';
import { OfficeError } from '../../src/document';
import { importScheme } from '../../src/import/import-scheme';

/**
 * The layouts a clerk's own file has, on documents written for these tests (not seed or corpus text):
 * a title row above the header, a header in words no vocabulary has, a scheme written as numbered
 * paragraphs with Word list numbering, and a file with nothing to import.
 */
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const pts = (d: number | undefined | null): number | undefined => (d === undefined || d === null ? undefined : d / 1_000_000);

async function titledWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('考核细则');
  ws.mergeCells('A1:E1');
  ws.getCell('A1').value = '某县2021年度安全生产目标责任考核细则';
  ws.mergeCells('A2:E2');
  ws.getCell('A2').value = '某安委〔2021〕3号';
  ws.addRow([]);
  ws.getRow(4).values = ['序号', '考核项目', '分值', '评分标准', '责任单位'];
  ws.getRow(5).values = [1, '组织领导', 10, '未召开安全生产专题会议的，扣2分。', '县应急管理局'];
  ws.getRow(6).values = [2, '隐患排查', 20, '每发现一处未整改的隐患扣1分，扣完为止。', '县应急管理局、县住建局'];
  ws.getRow(7).values = ['合计', '', 30, '', ''];
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function failure(input: Parameters<typeof importScheme>[0]): Promise<OfficeError> {
  try {
    await importScheme(input);
  } catch (e) {
    if (e instanceof OfficeError) return e;
    throw e;
  }
  throw new Error('expected the import to fail');
}

describe('layout recognition', () => {
  it('finds the header under a title row, a 文号 and a blank row; the title and its year become the scheme’s', async () => {
    const { scheme, report } = await importScheme({ name: 'titled.xlsx', bytes: await titledWorkbook() });
    expect(scheme).toMatchObject({ title: '某县2021年度安全生产目标责任考核细则', year: 2021, docNo: '某安委〔2021〕3号' });
    expect(scheme.indicators.map((i) => [i.title, pts(i.points), i.divisions])).toEqual([
      ['组织领导', 10, ['县应急管理局']],
      ['隐患排查', 20, ['县应急管理局', '县住建局']],
    ]);
    expect(report.rows.find((r) => r.kind === 'header')?.summary).toBe('表头：序号=序号 | 考核项目=项目名称 | 分值=分值 | 评分标准=评分标准 | 责任单位=责任单位');
    expect(report.totals).toEqual([expect.objectContaining({ label: '合计', stated: 30_000_000, found: 30_000_000, agrees: true })]);
    expect(report.coverage).toMatchObject({ scoring: 2, compiled: 2 });
  });

  it('reads a header in unknown words from what its columns hold, and says it did', async () => {
    const text = ['工作\t怎么算\t满几分\t谁负责', '信息报送\t每少报一期扣0.5分，扣完为止。\t5\t县委办公室', '督查督办\t督办件逾期未办结的，每件扣1分。\t10\t县政府办公室、县督查室', '群众满意度\t满意度低于80%的，不得分。\t5\t县统计局'].join('\n');
    const { scheme, report } = await importScheme({ name: 'unknown-header.tsv', bytes: utf8(text) });
    expect(scheme.indicators.map((i) => [i.title, pts(i.points), i.divisions])).toEqual([
      ['信息报送', 5, ['县委办公室']],
      ['督查督办', 10, ['县政府办公室', '县督查室']],
      ['群众满意度', 5, ['县统计局']],
    ]);
    expect(report.rows.find((r) => r.kind === 'header')?.summary).toBe('表头（按内容推断）：工作=项目名称 | 怎么算=评分标准 | 满几分=分值 | 谁负责=责任单位');
    expect(report.issues.find((i) => i.code === 'header-inferred')?.message).toBe('文件 unknown-header.tsv 第 1 个表格（第 1 行）的表头“工作 | 怎么算 | 满几分 | 谁负责”不是常见的表头用语，已按各列内容识别列的含义，请核对');
  });

  it('reads a scheme written as paragraphs with Word list numbering: 一、 sections with (N分), rule sentences under them', async () => {
    const numbering = {
      config: [
        { reference: 'cn', levels: [{ level: 0, format: LevelFormat.CHINESE_COUNTING, text: '%1、', alignment: AlignmentType.START }] },
        { reference: 'dec', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START }] },
        { reference: 'dec2', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START }] },
      ],
    };
    const doc = new Document({
      numbering,
      sections: [
        {
          children: [
            new Paragraph('某镇2022年度平安建设考核细则'),
            new Paragraph({ text: '组织领导（20分）', numbering: { reference: 'cn', level: 0 } }),
            new Paragraph({ text: '未成立平安建设领导小组的，扣5分。', numbering: { reference: 'dec', level: 0 } }),
            new Paragraph({ text: '未按季度召开平安建设会议的，每少一次扣2分。', numbering: { reference: 'dec', level: 0 } }),
            new Paragraph({ text: '矛盾调处（30分）', numbering: { reference: 'cn', level: 0 } }),
            new Paragraph({ text: '发生越级上访的，每起扣3分，扣完为止。', numbering: { reference: 'dec2', level: 0 } }),
            new Paragraph({ text: '附则', numbering: { reference: 'cn', level: 0 } }),
            new Paragraph('本细则由镇综治办负责解释。'),
          ],
        },
      ],
    });
    const bytes = new Uint8Array(await Packer.toBuffer(doc));
    const { scheme, report } = await importScheme({ name: 'paragraphs.docx', bytes });
    expect(report.layout).toBe('段落方案');
    expect(scheme).toMatchObject({ title: '某镇2022年度平安建设考核细则', year: 2022 });
    expect(scheme.indicators.map((i) => [i.title, pts(i.points), i.clauses?.map((c) => c.text)])).toEqual([
      ['组织领导', 20, ['未成立平安建设领导小组的，扣5分。', '未按季度召开平安建设会议的，每少一次扣2分。']],
      ['矛盾调处', 30, ['发生越级上访的，每起扣3分，扣完为止。']],
    ]);
    expect(report.skipped.map((r) => r.summary)).toContain('标题“附则”下没有分值和评分内容，未作为指标导入');
  });

  it('reads paragraph-form 细则 after a table as paragraphs, not as table rows', async () => {
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph('某局2023年度目标管理考核办法'),
            new Table({ rows: [new TableRow({ children: ['项目', '分值'].map((t) => new TableCell({ children: [new Paragraph(t)] })) }), new TableRow({ children: ['工作任务', '100'].map((t) => new TableCell({ children: [new Paragraph(t)] })) })] }),
            new Paragraph('一、工作任务（60分）'),
            new Paragraph('1.重点任务未按期完成的，每项扣2分。'),
            new Paragraph('二、日常管理（40分）'),
            new Paragraph('1.信息报送不及时的，每次扣0.5分。'),
            new Paragraph('2.被通报批评的，每次扣1分。'),
          ],
        },
      ],
    });
    const { scheme, report } = await importScheme({ name: 'table-then-rules.docx', bytes: new Uint8Array(await Packer.toBuffer(doc)) });
    expect(report.rows.some((r) => r.summary === '表格之后的段落为段落式细则，按段落方案读取')).toBe(true);
    expect(scheme.indicators.map((i) => [i.title, pts(i.points), i.clauses?.length ?? 0])).toEqual([
      ['工作任务', 100, 0],
      ['工作任务', 60, 1],
      ['日常管理', 40, 2],
    ]);
  });

  it('splits “牵头：…；配合：…” in one cell into the lead and the co-responsible bodies', async () => {
    const text = ['考核项目\t评分标准\t分值\t责任单位', '河道保洁\t每发现一处垃圾堆放点扣0.5分，扣完为止。\t10\t牵头：县水利局；配合：县环保局、县林业局'].join('\n');
    const { scheme } = await importScheme({ name: 'prefixes.tsv', bytes: utf8(text) });
    expect(scheme.indicators[0]).toMatchObject({ title: '河道保洁', leadAssessors: ['县水利局'], divisions: ['县环保局', '县林业局'] });
  });

  it('carries a task name down the pasted rows it covers, and starts again under a new 一、 part', async () => {
    const text = [
      '序号\t考核项目\t分值\t评分标准',
      '一、\t基础工作\t30\t',
      '1\t制度建设\t10\t未建立工作制度的，扣5分。',
      '\t\t20\t工作台账不全的，每缺一项扣2分。',
      '二、\t重点工作\t70\t',
      '2\t项目推进\t70\t项目每延期一个月扣5分。',
    ].join('\n');
    const { scheme } = await importScheme({ name: 'carried.tsv', bytes: utf8(text) });
    expect(scheme.indicators.map((i) => [i.title, pts(i.points), i.children?.map((c) => [c.title, pts(c.points), c.children?.map((k) => pts(k.points))])])).toEqual([
      ['基础工作', 30, [['制度建设', undefined, [10, 20]]]],
      ['重点工作', 70, [['项目推进', 70, undefined]]],
    ]);
  });

  it('reads a 合计 row of a pasted table from its 分值 cell, never from the 序号 carried down into it', async () => {
    const text = ['序号\t考核项目\t分值\t评分标准', '1\t组织领导\t10\t未召开专题会议的，扣2分。', '2\t隐患排查\t10\t每发现一处隐患扣1分。', '\t合计\t21\t'].join('\n');
    const { report } = await importScheme({ name: 'total.tsv', bytes: utf8(text) });
    expect(report.totals.map((t) => [t.label, pts(t.stated), pts(t.found), t.agrees])).toEqual([['合计', 21, 20, false]]);
    expect(report.issues.find((i) => i.code === 'total-mismatch')?.message).toBe('文件 total.tsv 第 4 行：“合计”写的是 21 分，导入的各项分值合计 20 分，两者不一致，请核对原文');
  });

  it('splits the requirement off a 考核内容 cell that ends with its scoring: the requirement is the item’s text, the tail its clause', async () => {
    const text = [
      '序号\t考核项目\t分值\t考核内容',
      '1\t河道保洁\t10\t建立保洁队伍，落实保洁经费，河面无垃圾。发现一处垃圾扣1分，扣完为止。',
      '2\t台账管理\t10\t年内建立台账5本以上。每少一本扣2分。',
      '3\t宣传工作\t5\t开展宣传活动，印发宣传资料。',
    ].join('\n');
    const { scheme, report } = await importScheme({ name: 'content.tsv', bytes: utf8(text) });
    const [clean, counted, plain] = scheme.indicators;
    expect(clean).toMatchObject({ text: '建立保洁队伍，落实保洁经费，河面无垃圾。', clauses: [{ text: '发现一处垃圾扣1分，扣完为止。', status: 'ok' }] });
    // A head with a number may be the target the tail scores against: it stays in the clause for the compiler.
    expect(counted!.text).toBeUndefined();
    expect(counted!.clauses![0]!.text).toBe('年内建立台账5本以上。每少一本扣2分。');
    expect(plain).toMatchObject({ text: '开展宣传活动，印发宣传资料。' });
    expect(plain!.clauses).toBeUndefined();
    expect(report.rows.find((r) => r.source.line === 2)?.summary).toContain('考核内容中的要求“建立保洁队伍”作为指标说明，其后的评分句作为条款');
  });

  it('exits with “没有导入任何指标” and the reason when a table has no scheme in it', async () => {
    const text = ['姓名\t电话\t备用电话', '张三\t13800000000\t13900000000', '李四\t13700000000\t'].join('\n');
    const e = await failure({ name: 'contacts.tsv', bytes: utf8(text) });
    expect(e.code).toBe('nothing-imported');
    expect(e.message).toBe(
      '文件 contacts.tsv：没有导入任何指标。原因：1 个表格都没有可识别的表头（如“考核项目”“评分标准”“分值”“责任单位”），前几行也看不出哪一列是评分标准或分值。请确认这是考核方案或评分细则，或把评分表另存为带表头的 Excel 表格后再导入',
    );
  });
});
