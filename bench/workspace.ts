/**
 * Workspace scale: the server with a folder of thousands of runbooks. Diagnostics for the open file must not wait for
 * the background index; memory is read once the server logs that indexing finished.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspSession } from './lsp-client';
import { fixed, markdownTable } from './measure';

export interface WorkspaceResult {
  runbooks: number;
  /** From spawning the server to the first diagnostics of the opened file. */
  firstDiagnosticsFromSpawnMs: number;
  /** From `initialized` to those diagnostics. */
  firstDiagnosticsMs: number;
  /** A second file opened while the index is being built. */
  duringIndexingMs?: number;
  indexedRunbooks: number;
  indexMs: number;
  rssAfterIndexMb?: number;
  peakRssMb?: number;
  staleListMs: number;
  staleCount: number;
}

function runbookPath(root: string, i: number): string {
  return join(root, 'runbooks', `team-${String(Math.floor(i / 500)).padStart(2, '0')}`, `runbook-${String(i).padStart(5, '0')}.md`);
}

/** Starts the server on `root` (a synthetic corpus of `count` runbooks) and measures it. */
export async function workspaceScale(root: string, count: number): Promise<WorkspaceResult> {
  const spawned = performance.now();
  const session = await LspSession.start(root);
  const initialized = performance.now();
  try {
    const first = runbookPath(root, count - 1);
    const uri = pathToFileURL(first).toString();
    await session.open(uri, readFileSync(first, 'utf8'));
    await session.diagnostics(uri);
    const firstDone = performance.now();

    // The index starts one second after `initialized`; open another file once it is under way.
    await new Promise((r) => setTimeout(r, 1500));
    let duringIndexingMs: number | undefined;
    if (!session.logs.some((l) => /indexed \d+ runbooks/.test(l))) {
      const second = runbookPath(root, 1);
      const started = performance.now();
      await session.open(pathToFileURL(second).toString(), readFileSync(second, 'utf8'));
      await session.diagnostics(pathToFileURL(second).toString());
      duringIndexingMs = performance.now() - started;
    }
    const line = await session.waitForLog(/indexed (\d+) runbooks in (\d+) ms/, 20 * 60_000);
    const [, indexed, indexMs] = /indexed (\d+) runbooks in (\d+) ms/.exec(line) ?? [];
    const memory = session.memory();
    const staleStarted = performance.now();
    const stale = await session.connection.sendRequest<unknown[]>('runbooks/staleRunbooks');
    const staleListMs = performance.now() - staleStarted;
    return {
      runbooks: count,
      firstDiagnosticsFromSpawnMs: firstDone - spawned,
      firstDiagnosticsMs: firstDone - initialized,
      duringIndexingMs,
      indexedRunbooks: Number(indexed),
      indexMs: Number(indexMs),
      rssAfterIndexMb: memory.rssMb,
      peakRssMb: memory.peakMb,
      staleListMs,
      staleCount: stale.length,
    };
  } finally {
    await session.stop();
  }
}

export function workspaceTable(r: WorkspaceResult): string {
  return markdownTable(['measure', 'value', 'target'], [
    ['runbooks in the workspace', String(r.runbooks), ''],
    ['first diagnostics of the opened file, from `initialized`', `${fixed(r.firstDiagnosticsMs)} ms`, 'not waiting for the index'],
    ['first diagnostics, from spawning the server', `${fixed(r.firstDiagnosticsFromSpawnMs)} ms`, ''],
    ['diagnostics of a file opened while indexing', r.duringIndexingMs === undefined ? 'n/a (index already done)' : `${fixed(r.duringIndexingMs)} ms`, ''],
    ['background index of the workspace', `${r.indexedRunbooks} runbooks in ${fixed(r.indexMs / 1000, 1)} s`, ''],
    ['resident memory after indexing', `${fixed(r.rssAfterIndexMb)} MB`, '< 300 MB'],
    ['peak resident memory', `${fixed(r.peakRssMb)} MB`, ''],
    ['stale-runbooks list after indexing', `${fixed(r.staleListMs)} ms (${r.staleCount} stale)`, ''],
  ]);
}
