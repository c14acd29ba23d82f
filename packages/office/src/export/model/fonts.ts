/**
 * The fonts every exported file names, and what stands in for them where they are missing.
 *
 * A government PC (Windows with the 公文 fonts installed) has 方正小标宋简体, 仿宋_GB2312, 楷体_GB2312, 宋体
 * and 黑体; a plain Windows has 华文中宋 / 宋体, 仿宋, 楷体, 黑体; Linux has Noto CJK. A .docx run can
 * name one East Asian font, so the file names the first of each stack and its font table gives the
 * second as `w:altName` with the GB2312 charset (Word and WPS substitute from it). LibreOffice ignores
 * both and asks fontconfig, which maps every unknown Chinese name to Noto Sans: `fontconfigFor`
 * writes a configuration that maps each stack to its serif/sans Noto face for our PDF conversions.
 */
export type FontRole = 'xiaobiaosong' | 'fangsong' | 'kaiti' | 'heiti' | 'songti';

export const FONT_STACKS: Record<FontRole, readonly string[]> = {
  xiaobiaosong: ['方正小标宋简体', '华文中宋', '宋体', 'SimSun', 'Noto Serif CJK SC'],
  fangsong: ['仿宋_GB2312', '仿宋', 'FangSong', 'Noto Serif CJK SC'],
  kaiti: ['楷体_GB2312', '楷体', 'KaiTi', 'AR PL UKai CN', 'Noto Serif CJK SC'],
  heiti: ['黑体', 'SimHei', 'Noto Sans CJK SC'],
  songti: ['宋体', 'SimSun', 'Noto Serif CJK SC'],
};

/** The font a document names for a role (the first of its stack). */
export const fontName = (role: FontRole): string => FONT_STACKS[role][0]!;

/** Latin text and digits in 公文 and tables: Times New Roman (Liberation Serif on Linux has its metrics). */
export const LATIN_FONT = 'Times New Roman';

/** 字号 in points (GB/T 148-1997 / the Word size list). */
export const CN_SIZE = { 初号: 42, 小初: 36, 一号: 26, 小一: 24, 二号: 22, 小二: 18, 三号: 16, 小三: 15, 四号: 14, 小四: 12, 五号: 10.5, 小五: 9 } as const;

/** Every run says it is Simplified Chinese, so Word, WPS and LibreOffice draw the zh-Hans glyphs of a pan-CJK font. */
export const LANGUAGE = { value: 'zh-CN', eastAsia: 'zh-CN' } as const;

const xmlEscape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** word/fontTable.xml naming every font of the stacks' heads with its alternative, GB2312 charset and family. */
export function docxFontTable(): string {
  const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
  const fonts = (Object.keys(FONT_STACKS) as FontRole[]).map((role) => {
    const [name, alt] = FONT_STACKS[role];
    const family = role === 'heiti' ? 'modern' : 'roman';
    return `<w:font w:name="${xmlEscape(name!)}"><w:altName w:val="${xmlEscape(alt!)}"/><w:charset w:val="86"/><w:family w:val="${family}"/><w:pitch w:val="variable"/></w:font>`;
  });
  const latin = `<w:font w:name="${LATIN_FONT}"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>`;
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:fonts xmlns:w="${W}">${latin}${[...new Set(fonts)].join('')}</w:fonts>`;
}

/**
 * A fontconfig file that includes the system's and makes each stack's names resolve to the next
 * installed font of the stack (so 方正小标宋简体 is drawn with Noto Serif CJK SC, not Noto Sans).
 */
export function fontconfigFor(systemConfig = '/etc/fonts/fonts.conf'): string {
  const aliases = new Map<string, string[]>();
  for (const stack of Object.values(FONT_STACKS)) {
    stack.forEach((name, i) => {
      if (!aliases.has(name) && i < stack.length - 1) aliases.set(name, stack.slice(i + 1));
    });
  }
  const body = [...aliases].map(([name, prefer]) => `  <alias binding="same"><family>${xmlEscape(name)}</family><prefer>${prefer.map((p) => `<family>${xmlEscape(p)}</family>`).join('')}</prefer></alias>`);
  return `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <include ignore_missing="yes">${xmlEscape(systemConfig)}</include>\n${body.join('\n')}\n</fontconfig>\n`;
}
