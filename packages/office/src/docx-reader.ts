import { OfficeError, type ImportIssue, type RawBlock, type RawDocument } from './document';
import { parseNumbering, type Numbering } from './docx-numbering';
import { readDocxTable, type TableContext } from './docx-table';
import { paragraphText } from './docx-text';
import { defaultLimits, type ReadLimits } from './limits';
import { attr, child, childrenNamed, decodeEntities, parseXml, type XmlNode } from './xml';
import { openZip, readZipText, type OpenZip } from './zip';

const kind = 'Word 文档';

/**
 * Reads a .docx with JSZip + fast-xml-parser straight from word/document.xml,
 * because that is where w:gridSpan and w:vMerge are exact (HTML converters
 * approximate them). Body paragraphs and tables keep their order; empty
 * paragraphs (spacing) are dropped but still counted in `source.paragraph`.
 */
export async function readDocx(bytes: Uint8Array, file: string, limits: ReadLimits = defaultLimits): Promise<RawDocument> {
  const zip = await openZip(bytes, file, kind, limits);
  return readDocxFromZip(zip);
}

export async function readDocxFromZip(zip: OpenZip): Promise<RawDocument> {
  const { file } = zip;
  const mainPart = await mainDocumentPart(zip);
  const xml = await readZipText(zip, mainPart);
  if (xml === null) {
    throw new OfficeError('corrupt-document', `文件 ${file} 不是有效的 ${kind}（缺少 ${mainPart}）`, { file });
  }
  const body = child(
    parseXml(xml, file, mainPart, kind).find((n) => n.name === 'w:document'),
    'w:body',
  );
  if (!body) throw new OfficeError('corrupt-document', `文件 ${file} 不是有效的 ${kind}（${mainPart} 中没有正文）`, { file });

  const issues: ImportIssue[] = [];
  const ctx: TableContext = { file, numbering: await readNumbering(zip), issues };
  const blocks: RawBlock[] = [];
  let paragraph = 0;
  let table = 0;
  const walk = (node: XmlNode): void => {
    for (const item of node.children) {
      if (item.name === 'w:p') {
        paragraph++;
        const text = paragraphText(item, ctx.numbering);
        if (text.trim() !== '') blocks.push({ kind: 'paragraph', text, source: { file, paragraph } });
      } else if (item.name === 'w:tbl') {
        table++;
        blocks.push({ kind: 'table', table: readDocxTable(item, table, ctx) });
      } else if (item.name === 'w:sdt') {
        walk(child(item, 'w:sdtContent') ?? item);
      } else if (item.name === 'w:customXml') {
        walk(item);
      }
    }
  };
  walk(body);
  const title = shownTitle(await readZipText(zip, 'docProps/core.xml'), blocks);
  return { file, format: 'docx', blocks, warnings: issues, ...(title ? { properties: { title } } : {}) };
}

/**
 * The document's title property (docProps/core.xml dc:title) when the document also shows it as a
 * paragraph above its first table: a title paragraph the table layout does not read as a heading of
 * its own (a 评分标准 scheme exported as .docx, "2021年度某项工作责任制考核评分标准", made up). A property
 * that is not on the page (a template's leftover, "Microsoft Word - …", a title edited in the text
 * only) is not used.
 */
function shownTitle(coreXml: string | null, blocks: readonly RawBlock[]): string | undefined {
  const m = coreXml === null ? null : /<dc:title>([^<]*)<\/dc:title>/.exec(coreXml);
  const title = m ? decodeEntities(m[1]!).trim() : '';
  if (title === '') return undefined;
  const firstTable = blocks.findIndex((b) => b.kind === 'table');
  const above = firstTable < 0 ? blocks : blocks.slice(0, firstTable);
  return above.some((b) => b.kind === 'paragraph' && b.text.trim() === title) ? title : undefined;
}

/** The main part is named by the package relationships; nearly always word/document.xml. */
async function mainDocumentPart(zip: OpenZip): Promise<string> {
  const rels = await readZipText(zip, '_rels/.rels');
  if (rels === null) return 'word/document.xml';
  const root = parseXml(rels, zip.file, '_rels/.rels', kind).find((n) => n.name === 'Relationships');
  const main = childrenNamed(root, 'Relationship').find((r) => (attr(r, 'Type') ?? '').endsWith('/officeDocument'));
  const target = attr(main, 'Target');
  if (target === undefined) return 'word/document.xml';
  return target.replace(/^\//, '');
}

async function readNumbering(zip: OpenZip): Promise<Numbering | null> {
  const numberingXml = await readZipText(zip, 'word/numbering.xml');
  if (numberingXml === null) return null;
  const stylesXml = await readZipText(zip, 'word/styles.xml');
  return parseNumbering(
    parseXml(numberingXml, zip.file, 'word/numbering.xml', kind),
    stylesXml === null ? [] : parseXml(stylesXml, zip.file, 'word/styles.xml', kind),
  );
}
