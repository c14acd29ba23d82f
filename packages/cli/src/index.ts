export { run, runAsync, USAGE, type Io } from './main';
export { renderExplanation } from './commands/explain.command';
export { renderTable, renderCsv, displayWidth } from './text-table';
