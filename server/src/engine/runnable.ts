import type { Code, Nodes, Root } from 'mdast';
import { endOffset, slug, startOffset } from './markdown';
import type { Division } from './model';
import type { RunbookSchema } from './schema';
import type { LineIndex } from './text';
import type { Step } from './types';
import { readTranscript } from './steps/transcript';

/** Fence languages whose blocks are runnable steps. */
export const RUNNABLE_LANGS = new Set(['bash', 'sh', 'shell', 'zsh', 'console']);

/** Finds every runnable fenced block, with its section, stable id and position. */
export function extractSteps(tree: Root, index: LineIndex, divisions: Division[], schema: RunbookSchema): Step[] {
  const blocks: Code[] = [];
  collect(tree, blocks);
  const perSection = new Map<string, number>();
  // Blocks and divisions are both in document order: walk them together.
  let d = -1;
  return blocks.map((code, i) => {
    const start = startOffset(code);
    while (d + 1 < divisions.length && divisions[d + 1].start <= start) d++;
    const division = d >= 0 && start < divisions[d].end ? divisions[d] : undefined;
    const key = division?.section?.definition.key;
    const sectionSlug = key ?? (division ? slug(division.heading) : 'steps');
    const n = (perSection.get(sectionSlug) ?? 0) + 1;
    perSection.set(sectionSlug, n);
    const lang = (code.lang ?? '').toLowerCase();
    const definition = key ? schema.sections.find((s) => s.key === key) : undefined;
    return {
      id: `${sectionSlug}-${n}`,
      position: i + 1,
      section: key,
      sectionTitle: division?.heading ?? '',
      lang,
      code: code.value,
      commands: commandsOf(lang, code.value),
      range: index.range(start, endOffset(code)),
      changesProduction: definition?.changesProduction === true,
      sectionReadOnly: definition?.readOnly === true,
      label: definition ? `${definition.stepLabel} ${n}` : `step ${i + 1}`,
    };
  });
}

/** What runs: a transcript's commands without prompts or output (whatever the tag), else the block as written. */
export function commandsOf(lang: string, block: string): string {
  const transcript = readTranscript(block);
  if (transcript) return transcript.commands;
  // A `console` block without a prompt is output only: nothing runs.
  return lang === 'console' ? '' : block;
}

/** For a `console` block: the `$ ` prompt lines (and their continuations) with the prompt stripped. */
export function consoleCommands(block: string): string {
  return readTranscript(block)?.commands ?? '';
}

function collect(node: Nodes, out: Code[]): void {
  if (node.type === 'code') {
    if (RUNNABLE_LANGS.has((node.lang ?? '').toLowerCase())) out.push(node);
    return;
  }
  if ('children' in node) for (const c of node.children as Nodes[]) collect(c, out);
}
