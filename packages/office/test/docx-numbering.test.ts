import { describe, expect, it } from 'vitest';
import { formatNumber, nextLabel, parseNumbering } from '../src/docx-numbering';
import { parseXml } from '../src/xml';

describe('formatNumber', () => {
  it.each([
    [3, 'decimal', '3'],
    [3, 'decimalZero', '03'],
    [4, 'upperRoman', 'IV'],
    [14, 'lowerRoman', 'xiv'],
    [2, 'upperLetter', 'B'],
    [27, 'lowerLetter', 'aa'],
    [1, 'chineseCounting', '一'],
    [10, 'chineseCounting', '十'],
    [11, 'chineseCountingThousand', '十一'],
    [20, 'chineseCounting', '二十'],
    [105, 'chineseCounting', '一百零五'],
    [3, 'chineseLegalSimplified', '叁'],
    [2, 'ideographTraditional', '乙'],
    [3, 'decimalEnclosedCircle', '③'],
    [12, 'decimalFullWidth', '１２'],
    [25, 'decimalEnclosedCircle', '25'],
  ])('formats %i as %s → %s', (n, format, text) => {
    expect(formatNumber(n, format)).toBe(text);
  });
});

const w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const numberingXml = `<w:numbering ${w}>
  <w:abstractNum w:abstractNumId="0">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="（%2）"/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
  <w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
</w:numbering>`;
const stylesXml = `<w:styles ${w}><w:style w:type="paragraph" w:styleId="Clause"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style></w:styles>`;
const pPr = (inner: string) => parseXml(`<w:pPr ${w}>${inner}</w:pPr>`, 'a.docx', 'p', 'Word 文档')[0];
const numPr = (numId: string, ilvl: number) => pPr(`<w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="${numId}"/></w:numPr>`);

describe('nextLabel', () => {
  const fresh = () => parseNumbering(parseXml(numberingXml, 'a.docx', 'n', 'Word 文档'), parseXml(stylesXml, 'a.docx', 's', 'Word 文档'));

  it('counts, nests and resets levels like Word', () => {
    const numbering = fresh();
    expect([numPr('1', 0), numPr('1', 1), numPr('1', 1), numPr('1', 0), numPr('1', 1)].map((p) => nextLabel(numbering, p))).toEqual(['一、', '（1） ', '（2） ', '二、', '（1） ']);
  });

  it('restarts a list that has a start override', () => {
    const numbering = fresh();
    expect([numPr('2', 0), numPr('2', 0)].map((p) => nextLabel(numbering, p))).toEqual(['五、', '六、']);
  });

  it('takes the numbering of a paragraph style', () => {
    expect(nextLabel(fresh(), pPr('<w:pStyle w:val="Clause"/>'))).toBe('一、');
  });

  it('gives no label to numId 0, which switches numbering off', () => {
    expect(nextLabel(fresh(), numPr('0', 0))).toBe('');
  });
});
