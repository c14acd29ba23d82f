import { describe, expect, it } from 'vitest';
import { decodeEntities, parseXml } from '../src/xml';

describe('decodeEntities', () => {
  it('decodes the XML entities and numeric references', () => {
    expect(decodeEntities('&lt;&gt;&amp;&quot;&apos;&#x4E00;&#20108;')).toBe('<>&"\'一二');
  });

  it('decodes in one pass, so an escaped reference stays text', () => {
    expect(decodeEntities('&amp;#20108;')).toBe('&#20108;');
  });

  it('leaves references to invalid code points as written', () => {
    expect(decodeEntities('&#xD800;&#0;')).toBe('&#xD800;&#0;');
  });
});

describe('parseXml', () => {
  it('keeps element order and exact text, spaces and digits included', () => {
    const [root] = parseXml('<w:p><w:t xml:space="preserve"> 10 </w:t><w:tab/></w:p>', 'a.docx', 'p', 'Word 文档');
    expect(root?.children.map((c) => [c.name, c.children[0]?.text ?? ''])).toEqual([
      ['w:t', ' 10 '],
      ['w:tab', ''],
    ]);
  });

  it('refuses truncated XML instead of returning half a document', () => {
    expect(() => parseXml('<w:document><w:body><w:p>', 'a.docx', 'word/document.xml', 'Word 文档')).toThrow('文件 a.docx 不是有效的 Word 文档（word/document.xml 内容损坏）');
  });

  it('refuses a DOCTYPE, which Office never writes, to rule out entity expansion', () => {
    const bomb = '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><d>&a;</d>';
    expect(() => parseXml(bomb, 'a.docx', 'word/document.xml', 'Word 文档')).toThrow('文件 a.docx 不是有效的 Word 文档（word/document.xml 内容损坏）');
  });
});
