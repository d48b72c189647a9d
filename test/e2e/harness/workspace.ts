// Scratch workspaces: every scenario works on its own copy of samples/, so tests never dirty the repository.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SAMPLES_DIR } from './paths';

const created: string[] = [];

/** Copies samples/ (or `source`) to a new temp folder and returns its absolute path; `settings` go to .vscode/settings.json. */
export function scratchWorkspace(options: { source?: string; settings?: Record<string, unknown> } = {}): string {
  const folder = join(mkdtempSync(join(tmpdir(), 'rbws-')), 'samples');
  cpSync(options.source ?? SAMPLES_DIR, folder, { recursive: true });
  if (options.settings) {
    mkdirSync(join(folder, '.vscode'), { recursive: true });
    writeFileSync(join(folder, '.vscode', 'settings.json'), JSON.stringify(options.settings, null, 2));
  }
  created.push(folder);
  return folder;
}

/** Removes every scratch workspace this process made. */
export function removeScratchWorkspaces(): void {
  for (const folder of created.splice(0)) rmSync(join(folder, '..'), { recursive: true, force: true });
}
