import { nextLabel, type Numbering } from './docx-numbering';
import { attr, child, type XmlNode } from './xml';

/**
 * Elements whose content is not part of the visible paragraph text: properties,
 * deleted revisions, field instructions, drawings and text boxes (anchored
 * shapes are not scheme content), ruby annotations and note references.
 */
const skipped = new Set([
  'w:pPr',
  'w:rPr',
  'w:del',
  'w:moveFrom',
  'w:delText',
  'w:instrText',
  'w:delInstrText',
  'w:drawing',
  'w:pict',
  'w:object',
  'mc:AlternateContent',
  'w:rt',
  'w:footnoteReference',
  'w:endnoteReference',
  'w:commentReference',
]);

/** Visible text of one w:p, with its list number put back in front. */
export function paragraphText(p: XmlNode, numbering: Numbering | null): string {
  const label = numbering ? nextLabel(numbering, child(p, 'w:pPr')) : '';
  return label + collect(p);
}

function collect(node: XmlNode): string {
  let out = '';
  for (const c of node.children) {
    if (skipped.has(c.name)) continue;
    switch (c.name) {
      case 'w:t':
        out += c.children.map((t) => t.text).join('');
        break;
      case 'w:tab':
      case 'w:ptab':
        out += '\t';
        break;
      case 'w:br':
        // Page and column breaks are layout, not text.
        if (attr(c, 'w:type') === undefined || attr(c, 'w:type') === 'textWrapping') out += '\n';
        break;
      case 'w:cr':
        out += '\n';
        break;
      case 'w:noBreakHyphen':
        out += '-';
        break;
      case 'w:sym':
        out += symbolChar(attr(c, 'w:char'));
        break;
      case '#text':
        break;
      default:
        // Runs, hyperlinks, insertions, smart tags, content controls, simple fields…
        out += collect(c);
    }
  }
  return out;
}

/** w:sym holds a hex code; symbol fonts use the private use area, which has no meaning as text. */
function symbolChar(hex: string | undefined): string {
  const code = hex === undefined ? Number.NaN : Number.parseInt(hex, 16);
  if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff) return '';
  if (code >= 0xf000 && code <= 0xf0ff) return '';
  return String.fromCodePoint(code);
}
