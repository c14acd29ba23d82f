import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { exportScheme, type ExportFormat, type Layout } from '@kaohe/office/export';
import { writing } from '../fs-error';
import { loadScheme } from '../load';

/**
 * `kaohe export SCHEME --as docx|xlsx --layout breakdown|responsibility|targets|scheme [-o FILE]`.
 * `scheme` writes the scheme in its own document's shape (unit blocks, groups, 负面清单): importing it gives the scheme back.
 */
export async function exportCommand(path: string, opts: { as: ExportFormat; layout: Layout; output?: string }, out: (s: string) => void): Promise<number> {
  const { scheme } = loadScheme(path, 'export');
  const bytes = await exportScheme(scheme, opts.as, opts.layout);
  const target = opts.output ?? `${basename(path).replace(/\.(ya?ml|json)$/i, '')}-${opts.layout}.${opts.as}`;
  writing(target, () => writeFileSync(target, bytes));
  out(`已导出 ${target}（${opts.layout}，${bytes.length} 字节）`);
  return 0;
}
