import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { OfficeError } from './document';

/** A plain element tree; text nodes have name '#text'. */
export type XmlNode = { name: string; attrs: Record<string, string>; children: XmlNode[]; text: string };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  // Cell text such as "10" or " 0.5 " must stay exactly as written.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  // Entities are decoded in one pass by `decodeEntities`: the parser's own HTML
  // entity table costs more than the whole parse, and decoding "&amp;" before
  // "&#…;" in separate passes would turn the text "&amp;#20108;" into "二".
  processEntities: false,
  htmlEntities: false,
});

const entity = /&(?:#[xX]([0-9a-fA-F]{1,6})|#([0-9]{1,7})|(amp|lt|gt|quot|apos));/g;
const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(entity, (whole, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
    if (name !== undefined) return named[name] ?? whole;
    const code = hex !== undefined ? Number.parseInt(hex, 16) : Number(dec);
    return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : whole;
  });
}

/**
 * Parses one XML part of an Office file. The part is validated first because
 * the parser alone accepts truncated XML and would silently return half a
 * document. A DOCTYPE never appears in Office XML, and refusing it closes the
 * door on entity-expansion bombs.
 */
export function parseXml(xml: string, file: string, part: string, kind: string): XmlNode[] {
  const damaged = (cause?: unknown): OfficeError =>
    new OfficeError('corrupt-document', `文件 ${file} 不是有效的 ${kind}（${part} 内容损坏）`, { file }, { cause });
  if (/<!DOCTYPE/i.test(xml.slice(0, 4096))) throw damaged();
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw damaged(new Error(`${valid.err.msg} (line ${valid.err.line})`));
  let raw: unknown;
  try {
    raw = parser.parse(xml);
  } catch (error) {
    throw damaged(error);
  }
  return toNodes(raw);
}

function toNodes(raw: unknown): XmlNode[] {
  if (!Array.isArray(raw)) return [];
  const nodes: XmlNode[] = [];
  for (const item of raw as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const record = item as Record<string, unknown>;
    const attrs = toAttrs(record[':@']);
    for (const [key, value] of Object.entries(record)) {
      if (key === ':@') continue;
      if (key === '#text') {
        nodes.push({ name: '#text', attrs: {}, children: [], text: decodeEntities(String(value)) });
      } else {
        nodes.push({ name: key, attrs, children: toNodes(value), text: '' });
      }
    }
  }
  return nodes;
}

function toAttrs(raw: unknown): Record<string, string> {
  const attrs: Record<string, string> = {};
  if (typeof raw !== 'object' || raw === null) return attrs;
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) attrs[key] = decodeEntities(String(value));
  return attrs;
}

export function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  return node?.children.find((c) => c.name === name);
}

export function childrenNamed(node: XmlNode | undefined, name: string): XmlNode[] {
  return node ? node.children.filter((c) => c.name === name) : [];
}

/** Follows a path of single children, e.g. `path(tc, 'w:tcPr', 'w:gridSpan')`. */
export function path(node: XmlNode | undefined, ...names: string[]): XmlNode | undefined {
  let current = node;
  for (const name of names) current = child(current, name);
  return current;
}

export function attr(node: XmlNode | undefined, name: string): string | undefined {
  return node?.attrs[name];
}

/** Integer attribute, or `fallback` when absent or not a number. */
export function intAttr(node: XmlNode | undefined, name: string, fallback: number): number {
  const raw = attr(node, name);
  const value = raw === undefined ? Number.NaN : Number.parseInt(raw, 10);
  return Number.isFinite(value) ? value : fallback;
}
