// The project's root directory, found by walking up from this module to package.json, so files
// read at run time (migrations, the default area, the built client) are found the same way from
// the TypeScript sources (tsx, tests) and from the compiled bundle in dist/server.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(from: string): string {
  for (let dir = dirname(from); ; ) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`No package.json above ${from}: cannot find the project root.`);
    dir = up;
  }
}

export const PROJECT_ROOT = findRoot(fileURLToPath(import.meta.url));

/** A path inside the project, e.g. projectPath('server/db/migrations'). */
export const projectPath = (...parts: string[]) => join(PROJECT_ROOT, ...parts);
