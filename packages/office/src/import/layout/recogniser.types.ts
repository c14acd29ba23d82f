import type { RawDocument } from '../../document';
import type { BuildState } from '../draft.types';

/**
 * A layout a scheme document can have. `detect` looks at the document without changing anything;
 * `read` fills the build state (indicator tree, units, rows of the report). The first recogniser
 * whose `detect` accepts the document reads it; the report names which one did.
 */
export type LayoutRecogniser = {
  name: string;
  /** Chinese, for the report: "表格方案（表头：评分标准、分值…）". */
  label: string;
  detect(doc: RawDocument): boolean;
  read(doc: RawDocument, state: BuildState): void;
};
