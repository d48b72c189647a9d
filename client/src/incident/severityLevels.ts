// The team's severity levels for a timeline or runbook, asked of the language server (it reads the config file); the
// reference's SEV1-SEV4 while the server is not there to answer.
import * as vscode from 'vscode';
import { DEFAULT_SEVERITY_LEVELS, type SeverityLevel } from '../../../server/src/api/incident';
import { SEVERITY_LEVELS_REQUEST, type SeverityLevelsParams, type SeverityLevelsResult } from '../../../server/src/protocol';
import type { ServerAccess } from '../languageClient';

const TTL_MS = 5000;
const ANSWER_WITHIN_MS = 3000;

/** The levels per project, asked of the server and kept a few seconds (the panel asks on every reload). */
export class SeverityLevels {
  private readonly cache = new Map<string, { at: number; levels: SeverityLevel[] }>();

  constructor(private readonly server: Pick<ServerAccess, 'client'>) {}

  /** The levels for `file`'s project (highest first); never rejects. */
  async levelsFor(file?: string): Promise<SeverityLevel[]> {
    const key = file ?? '';
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.levels;
    const client = this.server.client();
    if (!client?.isRunning()) return hit?.levels ?? [...DEFAULT_SEVERITY_LEVELS];
    const params: SeverityLevelsParams = file ? { uri: vscode.Uri.file(file).toString() } : {};
    const answer = await Promise.race([
      client.sendRequest<SeverityLevelsResult>(SEVERITY_LEVELS_REQUEST, params).catch(() => undefined),
      new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), ANSWER_WITHIN_MS)),
    ]);
    const levels = Array.isArray(answer) && answer.length > 0 && answer.every((level) => typeof level?.name === 'string') ? answer : undefined;
    if (!levels) return hit?.levels ?? [...DEFAULT_SEVERITY_LEVELS];
    this.cache.set(key, { at: Date.now(), levels });
    return levels;
  }
}
