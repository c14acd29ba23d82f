import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { exportSchemeWithWarnings, isExportError, type ExportFormat, type Layout } from '@kaohe/office/export';
import { CliError } from '../cli-error';
import { writing } from '../fs-error';
import { loadScheme } from '../load';

/**
 * `kaohe export SCHEME --as docx|xlsx --layout breakdown|responsibility|targets|scheme [--codes] [-o FILE]`.
 * `scheme` writes the scheme in its own document's shape (unit blocks, groups, 负面清单): importing it gives the scheme back.
 * A layout the scheme has nothing for exits 1 with what is missing, and no file is written.
 */
export async function exportCommand(path: string, opts: { as: ExportFormat; layout: Layout; output?: string; codes?: boolean }, out: (s: string) => void, err: (s: string) => void = out): Promise<number> {
  const { scheme } = loadScheme(path, 'export');
  const result = await exportSchemeWithWarnings(scheme, opts.as, opts.layout, opts.codes ? { codes: true } : {}).catch((e: unknown) => {
    throw isExportError(e) ? new CliError(`${path}：${e.message}`) : e;
  });
  const target = opts.output ?? `${basename(path).replace(/\.(ya?ml|json)$/i, '')}-${opts.layout}.${opts.as}`;
  writing(target, () => writeFileSync(target, result.bytes));
  for (const w of result.warnings) err(`注意：${w}`);
  out(`已导出 ${target}（${opts.layout}，${result.bytes.length} 字节）`);
  return 0;
}
