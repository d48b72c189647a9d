/**
 * A shell block written as a terminal transcript: `$ ` prompt lines are commands, the lines after them are output.
 * Whatever the block's tag, a block with a prompt runs its commands without the prompts and never its output.
 */

/** How a transcript block reads: what runs, and the lines that have no prompt before the first one. */
export interface Transcript {
  /** The commands without their prompts, continuations and here-documents included. */
  commands: string;
  /** 0-based lines of the block (its content) that are commands. */
  commandLines: number[];
  /** 0-based lines before the first prompt that are neither blank nor comments: commands written without a prompt. */
  unpromptedLines: number[];
}

const PROMPT = /^(\s*)\$ (.*)$/;
const PS2 = /^\s*> ?(.*)$/;
const HEREDOC = /<<-?[ \t]*(["']?)([A-Za-z0-9_.-]{1,64})\1/g;

/** The transcript reading of a block, or undefined when no line starts with a `$ ` prompt. */
export function readTranscript(block: string): Transcript | undefined {
  const lines = block.split(/\r?\n/);
  if (!lines.some((l) => PROMPT.test(l))) return undefined;
  const out: string[] = [];
  const commandLines: number[] = [];
  const unpromptedLines: number[] = [];
  let seenPrompt = false;
  let continuing = false;
  let heredocs: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (heredocs.length > 0) {
      // A here-document body, as typed at a `> ` secondary prompt or pasted as is.
      const body = PS2.exec(line)?.[1] ?? line;
      out.push(body);
      commandLines.push(i);
      if (body.replace(/^\t+/, '') === heredocs[0]) heredocs = heredocs.slice(1);
      continue;
    }
    const prompt = PROMPT.exec(line);
    let command: string | undefined;
    if (continuing) command = PS2.exec(line)?.[1] ?? line;
    else if (prompt) command = prompt[2];
    else if (seenPrompt && out.length > 0 && PS2.test(line) && /[|&\\({]\s*$|^[^']*'[^']*$|^[^"]*"[^"]*$/.test(out[out.length - 1])) {
      command = PS2.exec(line)?.[1];
    }
    if (command === undefined) {
      if (!seenPrompt && line.trim() !== '' && !/^\s*#/.test(line)) unpromptedLines.push(i);
      continue;
    }
    seenPrompt = true;
    out.push(command);
    commandLines.push(i);
    continuing = command.endsWith('\\');
    for (const m of command.matchAll(HEREDOC)) heredocs.push(m[2]);
  }
  return { commands: out.join('\n'), commandLines, unpromptedLines };
}
