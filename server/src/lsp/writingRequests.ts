/** The writing features' wiring: completion, and the skeleton, status and front-matter-values requests. */
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CompletionItem, CompletionParams, Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ProjectContext } from '../engine/config/index';
import { runbookSkeleton } from '../engine/writing/skeleton';
import type { Analyses } from './analyses';
import {
  FRONT_MATTER_VALUES_REQUEST, SKELETON_REQUEST, STATUS_REQUEST,
  type FrontMatterValuesParams, type SkeletonParams, type SkeletonResult, type StatusParams, type StatusResult,
} from './protocol';
import type { RunbookSettings } from './settings';
import type { WorkspaceIndex } from './workspace-index';
import { completions } from './writing';

export interface WritingDeps {
  documents: TextDocuments<TextDocument>;
  analyses: Analyses;
  workspaceIndex: WorkspaceIndex;
  project: () => ProjectContext;
  folders: () => string[];
  folderOf: (path: string) => string | undefined;
  settingsFor: (uri: string) => Promise<RunbookSettings>;
  today: () => string;
  trusted: () => boolean;
}

/**
 * Registers the writing requests; returns the completion handler, which the server combines with the alert names'
 * completion (a connection has one completion handler).
 */
export function registerWriting(connection: Connection, deps: WritingDeps): { completion: (params: CompletionParams) => Promise<CompletionItem[]> } {
  const valuesOf = (key: string): string[] => (key === 'service' || key === 'owner' ? deps.workspaceIndex.frontMatterValues(key) : []);

  const completion = async (params: CompletionParams): Promise<CompletionItem[]> => {
    const doc = deps.documents.get(params.textDocument.uri);
    const analysis = doc ? await deps.analyses.get(doc) : undefined;
    if (!doc || !analysis) return [];
    await deps.workspaceIndex.current().catch(() => undefined);
    return completions(doc, analysis, params.position, { values: valuesOf });
  };

  /** The context of a file, or of a file-to-be in the first workspace folder. */
  const contextFor = async (uri: string | undefined) => {
    const folder = deps.folders()[0];
    const path = uri?.startsWith('file:') ? fileURLToPath(uri) : join(folder ?? process.cwd(), 'new.runbook.md');
    const settings = await deps.settingsFor(pathToFileURL(path).toString());
    return { path, context: deps.project().forFile(path, deps.folderOf(path) ?? folder ?? path, settings) };
  };

  connection.onRequest(SKELETON_REQUEST, async (params: SkeletonParams): Promise<SkeletonResult> => {
    const { context } = await contextFor(params?.uri);
    return runbookSkeleton(context.schema, {
      title: params?.title, service: params?.service, owner: params?.owner, alerts: params?.alerts, lastReviewed: deps.today(),
    });
  });

  connection.onRequest(FRONT_MATTER_VALUES_REQUEST, async (params: FrontMatterValuesParams) => {
    await deps.workspaceIndex.current().catch(() => undefined);
    return valuesOf(params?.key);
  });

  connection.onRequest(STATUS_REQUEST, async (params: StatusParams): Promise<StatusResult> => {
    const doc = deps.documents.get(params.uri);
    const analysis = doc ? await deps.analyses.get(doc) : undefined;
    const { context } = analysis ? { context: analysis.context } : await contextFor(params.uri);
    const counts = { error: 0, warning: 0, info: 0 };
    const result = analysis ? await analysis.result.catch(() => undefined) : undefined;
    for (const f of result?.findings ?? []) {
      if (f.severity === 'error') counts.error++;
      else if (f.severity === 'warning') counts.warning++;
      else counts.info++;
    }
    return {
      isRunbook: analysis !== undefined,
      trusted: deps.trusted(),
      schema: context.schema.source,
      ...(context.schemaError ? { schemaError: context.schemaError } : {}),
      ...(context.config.file ? { configFile: context.config.file.path } : {}),
      counts,
    };
  });
  return { completion };
}
