import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** Default demo files, relative to the working directory (the repository root for `npm start`). */
export function demoPaths(configured: string | null): { schemePath: string; factsPath: string | null } | null {
  const schemePath = resolve(configured ?? 'examples/jiaxian-2020/scheme.yaml');
  if (!existsSync(schemePath)) return null;
  const factsPath = resolve(schemePath, '..', 'facts.yaml');
  return { schemePath, factsPath: existsSync(factsPath) ? factsPath : null };
}

