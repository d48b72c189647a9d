/**
 * What the client (client/src/**) imports from the server tree, read from the source with TypeScript's parser:
 * every `import` and `export ... from` whose module resolves under server/src, each name marked type-only or value.
 * The boundary test (test/unit/client-boundary.test.ts) reads it; run this file to print the counts per module:
 * `npx tsx test/helpers/clientImports.ts`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** One name one client file takes from one server module. */
export interface ServerImport {
  /** The client file, repo-relative. */
  file: string;
  /** The server module, repo-relative, without extension (`server/src/engine/timeline/store`). */
  module: string;
  /** The imported name (`*` for a namespace import or `export *`, `default` for a default import). */
  name: string;
  /** `import type`, `import { type x }`, `export type { x } from`: erased at compile time. */
  typeOnly: boolean;
}

/** The import and re-export declarations of one TypeScript source: module specifier and names. */
export function importsOf(source: string, fileName = 'source.ts'): { specifier: string; name: string; typeOnly: boolean }[] {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const found: { specifier: string; name: string; typeOnly: boolean }[] = [];
  for (const statement of sf.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const specifier = statement.moduleSpecifier.text;
      const clause = statement.importClause;
      if (!clause) {
        found.push({ specifier, name: '(side effect)', typeOnly: false });
        continue;
      }
      if (clause.name) found.push({ specifier, name: 'default', typeOnly: clause.isTypeOnly });
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) found.push({ specifier, name: '*', typeOnly: clause.isTypeOnly });
      if (bindings && ts.isNamedImports(bindings)) {
        for (const element of bindings.elements) {
          found.push({ specifier, name: (element.propertyName ?? element.name).text, typeOnly: clause.isTypeOnly || element.isTypeOnly });
        }
      }
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
      const specifier = statement.moduleSpecifier.text;
      const clause = statement.exportClause;
      if (!clause || ts.isNamespaceExport(clause)) found.push({ specifier, name: '*', typeOnly: statement.isTypeOnly });
      else for (const element of clause.elements) {
        found.push({ specifier, name: (element.propertyName ?? element.name).text, typeOnly: statement.isTypeOnly || element.isTypeOnly });
      }
    }
  }
  return found;
}

/** Every .ts file under `folder` (repo-relative paths, sorted). */
export function tsFilesUnder(folder: string): string[] {
  return readdirSync(path.join(REPO_ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => path.join(folder, file).split(path.sep).join('/'))
    .sort();
}

/** The repo-relative module (no extension, no trailing /index) a relative specifier of `file` names. */
export function resolvedModule(file: string, specifier: string): string {
  const resolved = path.relative(REPO_ROOT, path.resolve(REPO_ROOT, path.dirname(file), specifier)).split(path.sep).join('/');
  return resolved.replace(/\.(ts|js)$/, '').replace(/\/index$/, '');
}

/** Every name the client's files import from server/src. */
export function clientServerImports(folder = 'client/src'): ServerImport[] {
  return tsFilesUnder(folder).flatMap((file) => importsOf(readFileSync(path.join(REPO_ROOT, file), 'utf8'), file)
    .filter(({ specifier }) => specifier.startsWith('.'))
    .map(({ specifier, name, typeOnly }) => ({ file, module: resolvedModule(file, specifier), name, typeOnly }))
    .filter((entry) => entry.module.startsWith('server/')));
}

/** Counts: distinct server modules, and (file, name) imports that are values or types only. */
export function countImports(imports: readonly ServerImport[]): { modules: number; values: number; types: number; distinctValues: number; perModule: Map<string, { values: number; types: number }> } {
  const perModule = new Map<string, { values: number; types: number }>();
  for (const entry of imports) {
    const row = perModule.get(entry.module) ?? { values: 0, types: 0 };
    if (entry.typeOnly) row.types++;
    else row.values++;
    perModule.set(entry.module, row);
  }
  const values = imports.filter((entry) => !entry.typeOnly);
  return {
    modules: perModule.size,
    values: values.length,
    types: imports.length - values.length,
    distinctValues: new Set(values.map((entry) => `${entry.module}#${entry.name}`)).size,
    perModule,
  };
}

if (require.main === module) {
  const counts = countImports(clientServerImports());
  for (const [module, row] of [...counts.perModule].sort((a, b) => a[0].localeCompare(b[0]))) {
    console.log(`${String(row.values).padStart(3)} value ${String(row.types).padStart(3)} type  ${module}`);
  }
  console.log(`client/src -> server/src: ${counts.modules} modules; ${counts.values} value imports (${counts.distinctValues} distinct module#name), ${counts.types} type-only imports`);
}
