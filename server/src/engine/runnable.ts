import type { Code, Nodes, Root } from 'mdast';
import { endOffset, slug, startOffset } from './markdown';
import type { Division } from './model';
import type { RunbookSchema } from './schema';
import type { LineIndex } from './text';
import type { Step } from './types';

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
      commands: lang === 'console' ? consoleCommands(code.value) : code.value,
      range: index.range(start, endOffset(code)),
      changesProduction: definition?.changesProduction === true,
      label: definition ? `${definition.stepLabel} ${n}` : `step ${i + 1}`,
    };
  });
}

/** For a `console` block: the `$ ` prompt lines (and their `\` continuations) with the prompt stripped. */
export function consoleCommands(block: string): string {
  const out: string[] = [];
  let continuing = false;
  for (const line of block.split(/\r?\n/)) {
    const m = /^\s*\$ ?(.*)$/.exec(line);
    if (m && !continuing) {
      out.push(m[1]);
      continuing = m[1].endsWith('\\');
    } else if (continuing) {
      out.push(line);
      continuing = line.endsWith('\\');
    }
  }
  return out.join('\n');
}

function collect(node: Nodes, out: Code[]): void {
  if (node.type === 'code') {
    if (RUNNABLE_LANGS.has((node.lang ?? '').toLowerCase())) out.push(node);
    return;
  }
  if ('children' in node) for (const c of node.children as Nodes[]) collect(c, out);
}
