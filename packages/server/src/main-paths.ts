import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The demo scheme shipped in the repository (examples/jiaxian-2020), found from this file. */
const repositoryDemo = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'examples', 'jiaxian-2020', 'scheme.yaml');

/** Demo files: DEMO_SCHEME_PATH (relative to the working directory) or the repository's 佳县 example. */
export function demoPaths(configured: string | null): { schemePath: string; factsPath: string | null } | null {
  const schemePath = configured ? resolve(configured) : repositoryDemo;
  if (!existsSync(schemePath)) return null;
  const factsPath = resolve(schemePath, '..', 'facts.yaml');
  return { schemePath, factsPath: existsSync(factsPath) ? factsPath : null };
}
