import { attr, child, childrenNamed, intAttr, path, type XmlNode } from './xml';

/**
 * Reconstructs the text of automatic list numbers ("1.", "（一）", "①") that
 * Word draws but does not store in the paragraph. Schemes number their clauses
 * this way, and a clause number that silently disappears changes the meaning of
 * "1-3，6：办公室" style assignments, so the label is put back into the text.
 */
type Level = { start: number; format: string; text: string; suffix: string };
type NumDef = { abstractId: string; levels: Map<number, Level>; hasStartOverride: boolean };
type StyleNum = { numId?: string; ilvl?: number; basedOn?: string };

export type Numbering = {
  nums: Map<string, NumDef>;
  styles: Map<string, StyleNum>;
  counters: Map<string, (number | undefined)[]>;
};

export function parseNumbering(numberingXml: XmlNode[], stylesXml: XmlNode[]): Numbering {
  const abstracts = new Map<string, Map<number, Level>>();
  const root = numberingXml.find((n) => n.name === 'w:numbering');
  for (const abs of childrenNamed(root, 'w:abstractNum')) {
    abstracts.set(attr(abs, 'w:abstractNumId') ?? '', readLevels(childrenNamed(abs, 'w:lvl')));
  }
  const nums = new Map<string, NumDef>();
  for (const num of childrenNamed(root, 'w:num')) {
    const abstractId = attr(child(num, 'w:abstractNumId'), 'w:val') ?? '';
    const levels = new Map(abstracts.get(abstractId) ?? []);
    let hasStartOverride = false;
    for (const override of childrenNamed(num, 'w:lvlOverride')) {
      const ilvl = intAttr(override, 'w:ilvl', 0);
      const replaced = readLevels(childrenNamed(override, 'w:lvl')).get(ilvl);
      const base = replaced ?? levels.get(ilvl);
      const start = child(override, 'w:startOverride');
      if (start) hasStartOverride = true;
      if (base) levels.set(ilvl, start ? { ...base, start: intAttr(start, 'w:val', base.start) } : base);
    }
    nums.set(attr(num, 'w:numId') ?? '', { abstractId, levels, hasStartOverride });
  }
  return { nums, styles: readStyles(stylesXml), counters: new Map() };
}

function readLevels(lvls: XmlNode[]): Map<number, Level> {
  const levels = new Map<number, Level>();
  for (const lvl of lvls) {
    levels.set(intAttr(lvl, 'w:ilvl', 0), {
      start: intAttr(child(lvl, 'w:start'), 'w:val', 1),
      format: attr(child(lvl, 'w:numFmt'), 'w:val') ?? 'decimal',
      text: attr(child(lvl, 'w:lvlText'), 'w:val') ?? '',
      suffix: attr(child(lvl, 'w:suff'), 'w:val') ?? 'tab',
    });
  }
  return levels;
}

function readStyles(stylesXml: XmlNode[]): Map<string, StyleNum> {
  const styles = new Map<string, StyleNum>();
  const root = stylesXml.find((n) => n.name === 'w:styles');
  for (const style of childrenNamed(root, 'w:style')) {
    const numPr = path(style, 'w:pPr', 'w:numPr');
    const entry: StyleNum = {};
    const numId = attr(child(numPr, 'w:numId'), 'w:val');
    if (numId !== undefined) entry.numId = numId;
    const ilvl = child(numPr, 'w:ilvl');
    if (ilvl) entry.ilvl = intAttr(ilvl, 'w:val', 0);
    const basedOn = attr(child(style, 'w:basedOn'), 'w:val');
    if (basedOn !== undefined) entry.basedOn = basedOn;
    styles.set(attr(style, 'w:styleId') ?? '', entry);
  }
  return styles;
}

/** The label of a paragraph ("1. "), advancing the list counters; '' when not numbered. */
export function nextLabel(numbering: Numbering, pPr: XmlNode | undefined): string {
  const numPr = child(pPr, 'w:numPr');
  const fromStyle = styleNumbering(numbering, attr(child(pPr, 'w:pStyle'), 'w:val'));
  const numId = attr(child(numPr, 'w:numId'), 'w:val') ?? fromStyle.numId;
  const ilvlNode = child(numPr, 'w:ilvl');
  const ilvl = Math.min(8, Math.max(0, ilvlNode ? intAttr(ilvlNode, 'w:val', 0) : (fromStyle.ilvl ?? 0)));
  if (numId === undefined || numId === '0') return '';
  const def = numbering.nums.get(numId);
  const level = def?.levels.get(ilvl);
  if (!def || !level) return '';

  // Lists that share an abstract definition continue each other unless restarted.
  const key = def.hasStartOverride ? `num:${numId}` : `abs:${def.abstractId}`;
  const counters = numbering.counters.get(key) ?? [];
  counters[ilvl] = counters[ilvl] === undefined ? level.start : (counters[ilvl] ?? 0) + 1;
  for (let deeper = ilvl + 1; deeper < counters.length; deeper++) counters[deeper] = undefined;
  numbering.counters.set(key, counters);

  if (level.format === 'none') return '';
  const label = level.text.replace(/%([1-9])/g, (_, d: string) => {
    const at = Number(d) - 1;
    const lvl = def.levels.get(at);
    return formatNumber(counters[at] ?? lvl?.start ?? 1, lvl?.format ?? 'decimal');
  });
  const shown = level.format === 'bullet' ? bulletText(label) : label;
  if (shown === '') return '';
  // Word's tab after the number becomes a space: a TAB inside text would read as a cell marker in our text convention.
  return level.suffix === 'nothing' ? shown : `${shown} `;
}

function styleNumbering(numbering: Numbering, styleId: string | undefined): StyleNum {
  const result: StyleNum = {};
  const seen = new Set<string>();
  let id = styleId;
  while (id !== undefined && !seen.has(id)) {
    seen.add(id);
    const style = numbering.styles.get(id);
    if (!style) break;
    if (result.numId === undefined && style.numId !== undefined) result.numId = style.numId;
    if (result.ilvl === undefined && style.ilvl !== undefined) result.ilvl = style.ilvl;
    id = style.basedOn;
  }
  return result;
}

/** Symbol-font bullets live in the private use area; show a plain bullet instead. */
function bulletText(text: string): string {
  return [...text].map((ch) => ((ch.codePointAt(0) ?? 0) >= 0xe000 && (ch.codePointAt(0) ?? 0) <= 0xf8ff ? '•' : ch)).join('');
}

const cnDigits = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const cnLegal = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const heavenlyStems = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'];
const earthlyBranches = ['子', '丑', '寅', '卯', '辰', '巳', '午', '未', '申', '酉', '戌', '亥'];

export function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'decimalZero':
      return n < 10 ? `0${n}` : String(n);
    case 'upperRoman':
      return roman(n);
    case 'lowerRoman':
      return roman(n).toLowerCase();
    case 'upperLetter':
      return letters(n);
    case 'lowerLetter':
      return letters(n).toLowerCase();
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand':
    case 'japaneseCounting':
    case 'ideographDigital':
      return chinese(n, cnDigits, '十', '百', '千');
    case 'chineseLegalSimplified':
      return chinese(n, cnLegal, '拾', '佰', '仟');
    case 'ideographTraditional':
      return n >= 1 && n <= 10 ? (heavenlyStems[n - 1] ?? String(n)) : String(n);
    case 'ideographZodiac':
      return n >= 1 && n <= 12 ? (earthlyBranches[n - 1] ?? String(n)) : String(n);
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return enclosed(n, 0x2460, 20);
    case 'decimalEnclosedParen':
      return enclosed(n, 0x2474, 20);
    case 'decimalEnclosedFullstop':
      return enclosed(n, 0x2488, 20);
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return String(n).replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    default:
      return String(n);
  }
}

function enclosed(n: number, first: number, count: number): string {
  return n >= 1 && n <= count ? String.fromCharCode(first + n - 1) : String(n);
}

function roman(n: number): string {
  if (n <= 0 || n >= 4000) return String(n);
  const table: [number, string][] = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let rest = n;
  let out = '';
  for (const [value, symbol] of table) {
    while (rest >= value) {
      out += symbol;
      rest -= value;
    }
  }
  return out;
}

/** Word repeats the letter after Z: AA, BB, … */
function letters(n: number): string {
  if (n <= 0) return String(n);
  const letter = String.fromCharCode(65 + ((n - 1) % 26));
  return letter.repeat(Math.floor((n - 1) / 26) + 1);
}

/** 1→一, 10→十, 11→十一, 20→二十, 105→一百零五; up to 9999. */
function chinese(n: number, digits: string[], ten: string, hundred: string, thousand: string): string {
  if (n <= 0 || n >= 10000) return String(n);
  const units = ['', ten, hundred, thousand];
  const parts = String(n).split('').map(Number);
  let out = '';
  let zero = false;
  parts.forEach((d, i) => {
    const unit = units[parts.length - 1 - i] ?? '';
    if (d === 0) {
      zero = out !== '';
      return;
    }
    if (zero) out += digits[0];
    zero = false;
    out += (digits[d] ?? '') + unit;
  });
  // "一十一" is written "十一" when the number starts with the tens.
  return n >= 10 && n < 20 ? out.replace(new RegExp(`^${digits[1]}`), '') : out;
}
