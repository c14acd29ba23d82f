import { dec, type Dec } from '@kaohe/core';
import type { RawDocument, SourceRef } from '../../document';
import { halfWidth, joinCell, readMarker, titleOf } from '../cell-text';
import { compileClause } from '../compile-clause';
import type { BuildState, ClauseDraftNode, DraftNode, NodeKind } from '../draft.types';
import { titleAmong, yearIn } from '../header-find';
import type { LayoutRecogniser } from './recogniser.types';
import { applyClausePolicies, newNode } from './layout-common';

/**
 * A scheme written as paragraphs (web text, a 目标责任书, Word list numbering, the 细则 after a table):
 *   一、… / （一）… / 1.… / （1）… headings, each with its points "（N分）" or weight "（权重N%）",
 *   and under them rule sentences ("每…扣N分", "得N分", "不得分") or targets without a method.
 * Headings nest by their numbering level; a rule sentence becomes a clause of the heading above it;
 * a numbered sentence without a scoring word is a target line of that heading.
 */
/** A sentence that gives points: an amount after 扣/得/加/计, or 不得分. */
const AMOUNT = /[扣得加计减]\s*[\d.]+\s*分|不得分/;
const SCORING = /扣\s*[\d.]+\s*分|扣分|得\s*[\d.]+\s*分|加\s*[\d.]+\s*分|不得分|计\s*[\d.]+\s*分|[减加]分/;
const ALLOCATION = /[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]/;
const WEIGHT = /[（(]\s*权重\s*(\d+(?:\.\d+)?)\s*[%％]\s*[)）]/;
const PARTY = /^(甲方|乙方|被考核单位|考核单位|责任单位|责任人|负责人|经理|签字|签订日期)[：:]/;
/** "特签订本经营目标责任书": the document naming its own kind, for a letter without a title line. */
const SELF_NAME = /签订本([\p{Script=Han}]{2,12}?(?:责任书|协议书|承诺书|责任状))/u;

export const paragraphLayout: LayoutRecogniser = {
  name: 'paragraphs',
  label: '段落方案',
  detect(doc) {
    const paras = doc.blocks.flatMap((b) => (b.kind === 'paragraph' ? [joinCell(b.text)] : []));
    const headings = paras.filter((p) => readMarker(p) !== undefined).length;
    const scoring = paras.filter((p) => SCORING.test(p) || ALLOCATION.test(p) || WEIGHT.test(p)).length;
    return headings >= 3 && scoring >= 2;
  },
  read(doc, state) {
    new ParagraphReader(state).read(doc);
  },
};

type Open = { level: number; node: DraftNode };

class ParagraphReader {
  private stack: Open[] = [];
  /** 甲方 (who assesses) and the document's own name, for the title of a letter that has no title line (乙方 is the unit). */
  private issuer: string | undefined;
  private selfName: { name: string; source: SourceRef } | undefined;
  /** The printed marker of each heading (（1）), for a heading that turns out to be a target line. */
  private readonly markers = new Map<DraftNode, string>();

  constructor(private readonly s: BuildState) {}

  read(doc: RawDocument): void {
    for (const block of doc.blocks) {
      if (block.kind !== 'paragraph') continue;
      const text = joinCell(halfWidth(block.text)).replace(/\s{2,}/g, ' ').trim();
      if (text !== '') this.paragraph(text, block.source);
    }
    this.s.roots = this.s.roots.filter((n) => this.keep(n, true));
    // A 目标责任书 without a title line: 甲方 + the year + the kind it calls itself (本经营目标责任书), with 乙方.
    if (!this.s.title && this.selfName) {
      const unit = this.s.units[0]?.name;
      this.s.title = `${this.issuer ?? ''}${this.s.year !== undefined ? `${this.s.year}年` : ''}${this.selfName.name}${unit ? `（乙方：${unit}）` : ''}`;
      this.row(this.selfName.source, 'heading', `方案标题：${this.s.title}（原文无标题行，由甲方、年份和“本${this.selfName.name}”组成）`);
    }
    // A 目标责任书 names its one unit (乙方): everything in it applies to that unit.
    if (this.s.units.length > 0) for (const n of this.s.roots) n.allUnits = true;
  }

  private paragraph(text: string, source: SourceRef): void {
    if (this.s.year === undefined) {
      const y = yearIn(text);
      if (y !== undefined) this.s.year = y;
    }
    const party = PARTY.exec(text);
    if (party) {
      const name = text.slice(party[0].length).split(/\s{2,}|\s+(甲方|乙方)[：:]/)[0]!.trim();
      if (party[1] === '乙方' || party[1] === '被考核单位') {
        if (name !== '' && !this.s.units.some((u) => u.name === name)) this.s.units.push({ name, category: '被考核单位', source });
        this.row(source, 'unit', `被考核单位：${name}`);
      } else {
        if (party[1] === '甲方' && name !== '') this.issuer ??= name;
        this.row(source, 'ignored', `签订方：${text.slice(0, 40)}`);
      }
      return;
    }
    const marker = readMarker(text);
    const self = marker ? null : SELF_NAME.exec(text);
    if (self && !this.selfName && !this.s.title && this.stack.length === 0) {
      // "为实现…，特签订本经营目标责任书。": the letter's preamble; its row is written with the title it gives.
      this.selfName = { name: self[1]!, source };
      return;
    }
    if (!marker) {
      if (!this.s.title && this.stack.length === 0 && titleAmong([{ text }])) {
        this.s.title = text;
        this.row(source, 'heading', `方案标题：${text}`);
        return;
      }
      if (SCORING.test(text) && this.stack.length > 0) return this.clause(text, source);
      const top = this.stack[this.stack.length - 1]?.node;
      if (top && this.stack.length > 0 && text.length <= 200 && !/^(编号|附件|抄送)/.test(text) && !/^\d{4}\s*年\s*月\s*日|^\s*年\s*月\s*日/.test(text)) {
        top.text = top.text ? `${top.text}\n${text}` : text;
        this.row(source, 'indicator', `“${top.title}”的说明：${text.slice(0, 30)}`);
        return;
      }
      this.row(source, 'ignored', `正文：${text.slice(0, 40)}${text.length > 40 ? '…' : ''}`);
      return;
    }
    const rest = marker.rest.trim();
    const heading = this.headingOf(rest);
    if (heading) {
      this.open(marker.level, heading, marker.n, source);
      this.markers.set(this.stack[this.stack.length - 1]!.node, marker.raw);
      return;
    }
    if (marker.level <= 2) {
      // "二、季度考核时，…只减分不加分。": a numbered paragraph of the scheme's own text, not under the heading above.
      this.closeTo(marker.level);
      if (AMOUNT.test(rest)) {
        this.open(marker.level, { title: titleOf(rest) }, marker.n, source);
        return this.clause(rest, source);
      }
      this.row(source, 'ignored', `编号段落（无分值、无评分句）：${text.slice(0, 40)}`);
      this.groupWeights(rest, source);
      return;
    }
    if (SCORING.test(rest) || ALLOCATION.test(rest)) return this.clause(rest, source, marker.n);
    const top = this.stack[this.stack.length - 1];
    if (top && marker.level > top.level) {
      top.node.text = top.node.text ? `${top.node.text}\n${marker.raw}${rest}` : `${marker.raw}${rest}`;
      this.row(source, 'indicator', `“${top.node.title}”的目标：${rest.slice(0, 30)}`);
      return;
    }
    this.closeTo(marker.level);
    this.row(source, 'ignored', `编号段落（无分值、无评分句）：${text.slice(0, 40)}`);
  }

  /**
   * "其中<甲类>指标权重X%，<乙类>指标权重Y%" in a paragraph that is not a heading (11): weights between groups the
   * import does not apply. Never silently: a warning names them and the line.
   */
  private groupWeights(text: string, source: SourceRef): void {
    const weights = [...text.matchAll(/([\p{Script=Han}]{2,12}?)权重\s*(\d+(?:\.\d+)?)\s*[%％]/gu)].map((m) => `${m[1]!.replace(/^(其中|考核)/, '')}${m[2]}%`);
    if (weights.length === 0) return;
    this.s.issues.push({ severity: 'warning', code: 'group-weights', message: `文件 ${this.s.file} ${where(source)}：写有各组之间的权重（${weights.join('、')}），导入未按权重折算，请在方案中设置`, source });
  }

  /** "<名称>指标（权重N%）：" / "组织领导（10分）" / "管理类指标": a heading, with its points. */
  private headingOf(rest: string): { title: string; points?: Dec; weight?: boolean } | undefined {
    const body = rest.replace(/[：:。]\s*$/, '');
    const w = WEIGHT.exec(body);
    const a = ALLOCATION.exec(body);
    const tail = body.slice((w ?? a)?.index ?? body.length).replace((w ?? a)?.[0] ?? '', '').replace(/^[：:]/, '').trim();
    const title = body.slice(0, (w ?? a)?.index ?? body.length).trim();
    if (title === '' || title.length > 40 || /[。；;，,]/.test(title) ) return undefined;
    if (!(w ?? a) && /。\s*$/.test(rest)) return undefined;
    if ((w ?? a) && tail !== '' && SCORING.test(tail)) return undefined;
    if (!(w ?? a) && (SCORING.test(body) || body.length > 30)) return undefined;
    if (w) return { title, points: dec(w[1]!), weight: true };
    if (a) return { title, points: dec(a[1]!) };
    return { title };
  }

  private open(level: number, h: { title: string; points?: Dec; weight?: boolean }, n: number, source: SourceRef): void {
    this.closeTo(level);
    const kind: NodeKind = level === 1 ? 'section' : level === 2 ? 'group' : level === 3 ? 'indicator' : 'part';
    const node = newNode(kind, h.title, source);
    node.n = n;
    if (h.points !== undefined) node.points = h.points;
    const parent = this.stack[this.stack.length - 1]?.node;
    (parent ? parent.children : this.s.roots).push(node);
    this.stack.push({ level, node });
    if (h.weight) this.s.issues.push({ severity: 'warning', code: 'weight-as-points', message: `文件 ${this.s.file} ${where(source)}：“${h.title}”写的是权重 ${h.points! / 1e6}%，已按 ${h.points! / 1e6} 分（组内百分制）导入；各组之间的权重未折算，请核对`, source });
    this.row(source, 'heading', `${'  '.repeat(this.stack.length - 1)}${h.title}${h.points !== undefined ? `（${h.weight ? '权重' : ''}${h.points / 1e6}${h.weight ? '%' : '分'}）` : ''}`);
  }

  private closeTo(level: number): void {
    while (this.stack.length > 0 && this.stack[this.stack.length - 1]!.level >= level) this.stack.pop();
  }

  private clause(text: string, source: SourceRef, n?: number): void {
    const host = this.stack[this.stack.length - 1]?.node;
    if (!host) {
      this.row(source, 'unrecognised', `评分句不在任何标题之下：${text.slice(0, 40)}`);
      return;
    }
    const c = compileClause(text, { source, ...(host.points !== undefined && host.clauses.length === 0 ? { points: host.points } : {}) });
    const clause: ClauseDraftNode = {
      text,
      compiledFrom: text,
      status: c.status,
      rules: c.rules,
      manualEffect: c.manualEffect,
      warnings: c.warnings,
      source,
      ...(n !== undefined ? { n } : {}),
      ...(c.reason ? { reason: c.reason } : {}),
      ...(c.unread.length ? { unread: c.unread } : {}),
      ...(c.points !== undefined ? { points: c.points } : {}),
    };
    applyClausePolicies(host, clause, c);
    host.clauses.push(clause);
    this.row(source, 'clauses', `“${host.title}”的评分条款：${titleOf(text, 30)}（${c.status === 'ok' ? '已编译' : '待复核'}）`);
  }

  /**
   * Headings that got neither points, clauses, text nor kept children are dropped (附则, 责任期限).
   * A numbered line under a heading with points or weight that reads like a heading only because it has no
   * closing punctuation ("（1）<某项>执行率X%" under "3.<某类>指标（权重N%）：", 11-0011) is a
   * target of that heading, never dropped.
   */
  private keep(n: DraftNode, top: boolean, parent?: DraftNode): boolean {
    n.children = n.children.filter((c) => this.keep(c, false, n));
    const kept = n.points !== undefined || n.clauses.length > 0 || n.children.length > 0 || (!top && n.text !== undefined);
    if (!kept && parent?.points !== undefined && parent.clauses.length === 0) {
      const line = `${this.markers.get(n) ?? ''}${n.title}`;
      parent.text = parent.text ? `${parent.text}\n${line}` : line;
      this.row(n.source, 'indicator', `“${parent.title}”的目标：${n.title.slice(0, 30)}`);
      return false;
    }
    if (!kept) this.row(n.source, 'ignored', `标题“${n.title}”下没有分值和评分内容，未作为指标导入`);
    return kept;
  }

  private row(source: SourceRef, kind: BuildState['rows'][number]['kind'], summary: string): void {
    this.s.rows.push({ source, kind, summary });
  }
}

function where(s: SourceRef): string {
  return s.line !== undefined ? `第 ${s.line} 行` : s.paragraph !== undefined ? `第 ${s.paragraph} 段` : '';
}
