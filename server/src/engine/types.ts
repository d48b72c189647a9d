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

/** Finding severities, most severe first. `hint` is for findings shown but not counted (e.g. in the baseline). */
export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface TextEdit {
  range: Range;
  newText: string;
}

/** A fix is data: the editor turns it into a quick fix, the CLI could apply it. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  /** Safe to apply unattended (`runbooks lint --fix`, fix-all on save): it never hides a problem or changes a command. */
  safe?: boolean;
  /** The same edits as snippets with tab stops (`${1:TODO}`), for an editor that can insert them. */
  snippets?: TextEdit[];
}

/** One problem found in a runbook. `rule` ids and `code`s are stable (see rules.ts, the rule table). */
export interface Finding {
  rule: string;
  /** `rule/check`, e.g. `schema/missing-section`: what CI filters on and inline comments can disable. */
  code: string;
  /** The schema's key of the section the finding is about, when it is about one. */
  section?: string;
  severity: Severity;
  range: Range;
  message: string;
  fix?: Fix;
}

/** A runnable fenced block (bash, sh, shell, zsh, console) of a runbook. */
export interface Step {
  /** Stable id: section slug + 1-based position of the block within that section, e.g. `diagnostics-2`. */
  id: string;
  /** 1-based position among all runnable blocks of the runbook. */
  position: number;
  /** The schema section key the block sits in (`diagnostics`, `mitigations`, ...), if it is in a known section. */
  section?: string;
  /** The text of the H2 heading the block sits under ('' when none). */
  sectionTitle: string;
  /** The fence's language tag, lower-cased. */
  lang: string;
  /** The block's content as written. */
  code: string;
  /** What runs: the content, or for a transcript (any tag) only the `$ ` prompt lines with the prompt stripped. */
  commands: string;
  /** The whole fenced block, fences included. */
  range: Range;
  /** The schema says steps of its section change production (`changesProduction: true`): running one needs confirmation. */
  changesProduction: boolean;
  /**
   * The schema marks the step's section read-only (`readOnly: true`): a step there whose every command is classified
   * read-only runs without a confirmation (steps/effect.ts decides).
   */
  sectionReadOnly?: boolean;
  /** How people name the step, from the schema's `stepLabel`: "mitigation 1", "diagnostic step 2", or "step 3". */
  label: string;
}
