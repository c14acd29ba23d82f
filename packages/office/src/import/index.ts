export { importScheme, type ImportOptions, type ImportResult } from './import-scheme';
export { coverageLine, reportToHtml, reportToJson, reportToMarkdown, type Coverage, type ImportReport } from './report';
export { schemeToYaml, schemeToFile } from './serialize';
export { parseOwnerCell, readClauseList, type OwnerCell } from './assignment';
export { burdenFlags, type BurdenFlag, type BurdenKind } from './burden-lint';
export { factNeed, readFactsWorkbook, writeFactsTemplate, type FactNeed } from './facts-template';
