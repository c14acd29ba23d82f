import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { importScheme } from '@kaohe/office/import';

/**
 * `npx tsx bench/review-list.ts FILE…`: prints every needs-review clause of each file with its
 * source line, reasons, unread phrases and suggestion (the import report's work list, as text).
 */
for (const file of process.argv.slice(2)) {
  const { report } = await importScheme({ name: basename(file), bytes: new Uint8Array(readFileSync(file)) });
  const c = report.coverage;
  console.log(`# ${basename(file)}: ${c.compiled}/${c.scoring}${c.percent === null ? '' : ` (${c.percent.toFixed(1)}%)`}`);
  for (const w of report.workList) {
    console.log(`- ${w.code} ${JSON.stringify(w.source)}\n  text: ${w.text}\n  reason: ${w.reason}${w.unread.length ? `\n  unread: ${w.unread.join('；')}` : ''}${w.suggestion ? `\n  suggestion: ${w.suggestion}` : ''}`);
  }
}
