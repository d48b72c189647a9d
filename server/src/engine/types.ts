/** Shared data types of the engine. No `vscode` import and no LSP types here: positions are our own. */

/** A zero-based position; `character` counts UTF-16 code units, like JavaScript strings and LSP. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'info';

export interface TextEdit {
  range: Range;
  newText: string;
}

/** A fix is data: the editor turns it into a quick fix, the CLI could apply it. */
export interface Fix {
  title: string;
  edits: TextEdit[];
}

/** One problem found in a runbook. `rule` ids are stable: schema, frontmatter, stale, credential. */
export interface Finding {
  rule: string;
  severity: Severity;
  range: Range;
  message: string;
  fix?: Fix;
}
