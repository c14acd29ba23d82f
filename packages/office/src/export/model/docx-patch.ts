import JSZip from 'jszip';
import { docxFontTable } from './fonts';

/**
 * What the `docx` library does not write: a font table naming each font's alternative and GB2312
 * charset (model/fonts.ts). Applied to every .docx we export.
 */
export async function patchDocx(bytes: Uint8Array): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  zip.file('word/fontTable.xml', docxFontTable());
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}
