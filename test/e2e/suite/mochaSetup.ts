// Creates the mocha instance of the in-host suite and defines describe/it as globals BEFORE the suite files load:
// index.ts imports this module first, then each suite file, and esbuild keeps that order in the bundle.
import Mocha from 'mocha';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { format } from 'node:util';
import * as vscode from 'vscode';

/** Tag the harness looks for: the page console mixes the extension host's lines with the workbench's own. */
export const HOST_LINE_TAG = '[e2e-host]';

const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
mocha.suite.emit('pre-require', globalThis, 'runbooks-e2e-suite', mocha);

/** Called by VS Code's test runner (extensionTestsPath) inside the extension host; rejects when a test failed. */
export function run(): Promise<void> {
  tagConsole();
  const grep = readHostOptions().grep;
  if (grep) {
    mocha.grep(new RegExp(grep, 'i'));
    log(`(only tests matching /${grep}/i)`);
  }
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} in-host test(s) failed`)) : resolve()));
    } catch (error) {
      reject(error);
    }
  });
}

/** Prints a tagged line that the harness shows (the host's plain console lines are mixed with workbench noise). */
export function log(...args: unknown[]): void {
  console.log(`${HOST_LINE_TAG} ${format(...args)}`);
}

/** Routes mocha's reporter through `log`. (The host's console methods themselves cannot be replaced: VS Code pins them.) */
function tagConsole(): void {
  Mocha.reporters.Base.consoleLog = log;
}

/** Options the harness writes next to the workspace folder (test/e2e/harness/hostSuite.ts). */
function readHostOptions(): { grep?: string | null } {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const file = folder ? join(dirname(folder), 'e2e-host-options.json') : undefined;
  return file && existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) as { grep?: string | null } : {};
}
