/**
 * Exports carry the security label (草稿/内部/公开) of what they were made from: a .docx at the top left
 * of every page header, a .xlsx in its first cell and its printed page header, a 通报 in the header of
 * each page. The label does not change what the importer reads back.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { parseFacts, parseScheme } from '@kaohe/contract';
import { evaluate, type Scheme } from '@kaohe/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportScheme } from '../../src/export/export-scheme';
import { sensitivityMark } from '../../src/export/model/sensitivity';
import { tongbaoResults, writeTongbaoDocx } from '../../src/export/gongwen/tongbao';
import { writeNoticeDocx, schemeAttachment } from '../../src/export/gongwen/notice';
import { importScheme } from '../../src/import/import-scheme';

const seed = (name: string): string => fileURLToPath(new URL(`../fixtures/seeds/${name}`, import.meta.url));
const strip = (x: unknown): unknown =>
  Array.isArray(x) ? x.map(strip) : x && typeof x === 'object' ? Object.fromEntries(Object.entries(x).filter(([k]) => k !== 'source').map(([k, v]) => [k, strip(v)])) : x;

/** Every header part of a .docx with the text of its runs. */
async function headerTexts(bytes: Uint8Array): Promise<string[]> {
  const zip = await JSZip.loadAsync(bytes);
  const parts = Object.keys(zip.files).filter((f) => /^word\/header\d*\.xml$/.test(f));
  return Promise.all(parts.map(async (p) => ((await zip.file(p)!.async('string')).match(/<w:t[^>]*>[^<]*<\/w:t>/g) ?? []).map((t) => t.replace(/<[^>]+>/g, '')).join('')));
}

async function documentXml(bytes: Uint8Array): Promise<string> {
  return (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
}

describe('sensitivity labels on exports', () => {
  let scheme: Scheme;
  beforeAll(async () => {
    scheme = (await importScheme(seed('004_011aa5988ef2c423.txt'))).scheme;
  }, 60_000);

  it('says the label in the server’s words, and refuses a code it does not know', () => {
    expect([sensitivityMark('draft'), sensitivityMark('internal'), sensitivityMark('public'), sensitivityMark(undefined)]).toEqual(['标识：草稿', '标识：内部', '标识：公开', undefined]);
    expect(() => sensitivityMark('secret' as never)).toThrow(/unknown sensitivity/);
  });

  it('.docx: the label in the page header used by every page, referenced from the section', async () => {
    const bytes = await exportScheme(scheme, 'docx', 'breakdown', { sensitivity: 'draft' });
    expect(await headerTexts(bytes)).toEqual(['标识：草稿']);
    expect(await documentXml(bytes)).toMatch(/<w:headerReference w:type="default" r:id="[^"]+"\/>/);
    // Without a label there is no header at all.
    expect(await headerTexts(await exportScheme(scheme, 'docx', 'breakdown'))).toEqual([]);
  }, 60_000);

  it('.xlsx: the label in A1 above the title and in the printed header; the import reads the same scheme', async () => {
    const bytes = await exportScheme(scheme, 'xlsx', 'scheme', { sensitivity: 'internal' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as never);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('标识：内部');
    expect(ws.getCell('A2').value).toBe(scheme.title);
    expect(ws.headerFooter.oddHeader).toBe('&L标识：内部');
    const again = await importScheme({ name: 'scheme.xlsx', bytes });
    expect({ ...(strip(again.scheme) as object), code: undefined }).toEqual({ ...(strip(scheme) as object), code: undefined });
  }, 60_000);

  it('the 通报 and a notice carry the label on odd and even pages; the 版头 is unchanged', async () => {
    const path = (rel: string): string => fileURLToPath(new URL(`../../../../examples/jiaxian-2020/${rel}`, import.meta.url));
    const { scheme: jx } = parseScheme(readFileSync(path('scheme.yaml'), 'utf8'), path('scheme.yaml'));
    const result = evaluate(jx, parseFacts(readFileSync(path('facts.yaml'), 'utf8'), path('facts.yaml'), jx));
    const input = { issuer: '佳县目标责任考核领导小组办公室', docNumber: '佳考发〔2021〕3号', title: '关于佳县2020年度目标责任考核结果的通报', date: '2021-03-01', ...tongbaoResults(jx, result) };
    const marked = await writeTongbaoDocx({ ...input, sensitivity: 'draft' });
    // Odd and even page headers of the body section and of the 附件 section.
    expect(await headerTexts(marked)).toEqual(Array(4).fill('标识：草稿'));
    const xml = await documentXml(marked);
    expect(xml.match(/<w:headerReference w:type="(default|even)"/g)?.length).toBe(4); // body and 附件 sections
    // The body is what it was without the label.
    const bare = (x: string): string => x.replace(/<w:headerReference[^>]*\/>/g, '').replace(/r:id="rId\d+"/g, 'r:id=""');
    expect(bare(xml)).toBe(bare(await documentXml(await writeTongbaoDocx(input))));
    const notice = await writeNoticeDocx({ issuer: '嘉兴市文化广电旅游局', docNumber: '嘉文广旅〔2020〕87号', title: '关于印发清单的通知', date: '2020-05-06', body: ['现将清单印发给你们。'], attachments: [schemeAttachment(scheme, 'breakdown')], sensitivity: 'public' });
    expect(await headerTexts(notice)).toEqual(Array(4).fill('标识：公开'));
  }, 60_000);
});
