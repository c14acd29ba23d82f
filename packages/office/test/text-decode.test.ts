import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText, splitLines } from '../src/text-decode';

const sample = '\t序号\n\t项目名称\n\n\t1\n\t政治建设（贯彻落实“三服务”等）\n';
const utf16le = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf16le'));
const utf16be = (text: string): Uint8Array => utf16le(text).map((_, i, a) => a[i ^ 1] ?? 0);

describe('decodeText', () => {
  it('reads UTF-8 without a BOM', () => {
    expect(decodeText(new TextEncoder().encode(sample), 'a.txt')).toEqual({ text: sample, encoding: 'utf-8', issues: [] });
  });

  it('drops the UTF-8 BOM', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(sample)]);
    expect(decodeText(bytes, 'a.txt')).toEqual({ text: sample, encoding: 'utf-8', issues: [] });
  });

  it('reads UTF-16 LE with a BOM', () => {
    expect(decodeText(new Uint8Array([0xff, 0xfe, ...utf16le(sample)]), 'a.txt')).toEqual({ text: sample, encoding: 'utf-16le', issues: [] });
  });

  it('reads UTF-16 BE with a BOM', () => {
    expect(decodeText(new Uint8Array([0xfe, 0xff, ...utf16be(sample)]), 'a.txt')).toEqual({ text: sample, encoding: 'utf-16be', issues: [] });
  });

  it('recognises UTF-16 LE without a BOM by the NULs of its ASCII characters', () => {
    expect(decodeText(utf16le(sample), 'a.txt').text).toBe(sample);
  });

  it('decodes GBK and says so', () => {
    const result = decodeText(new Uint8Array(iconv.encode(sample, 'gbk')), 'scheme.txt');
    expect(result.text).toBe(sample);
    expect(result.encoding).toBe('gb18030');
    expect(result.issues).toEqual([
      {
        severity: 'warning',
        code: 'decoded-as-gbk',
        message: '文件 scheme.txt 不是 UTF-8 编码，已按 GBK（GB18030）编码读取；如出现乱码，请将文件另存为 UTF-8 后重新导入',
        source: { file: 'scheme.txt' },
      },
    ]);
  });

  it('keeps a UTF-8 file with one damaged byte as UTF-8 and counts the damage', () => {
    const bytes = new TextEncoder().encode(sample.repeat(3));
    bytes[0] = 0xff; // the first TAB
    const result = decodeText(bytes, 'a.txt');
    expect(result.encoding).toBe('utf-8');
    expect(result.issues.map((i) => i.message)).toEqual(['文件 a.txt 中有 1 处内容无法按 UTF-8 解码，已替换为“\uFFFD”，请核对相关内容']);
  });
});

describe('splitLines', () => {
  it('splits on LF, CRLF and CR alike', () => {
    expect(splitLines('a\r\nb\nc\rd')).toEqual(['a', 'b', 'c', 'd']);
  });

  it('does not count a final newline as another line', () => {
    expect(splitLines('a\nb\n')).toEqual(['a', 'b']);
  });
});
