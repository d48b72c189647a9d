// The terminal a step's run is shown in: a Pseudoterminal per incident, fed by the engine's runner.
import * as vscode from 'vscode';

/** A pseudoterminal that shows runs and turns Ctrl+C into cancelling the current one. */
class RunPseudoterminal implements vscode.Pseudoterminal {
  private readonly writeEmitter = new vscode.EventEmitter<string>();
  private readonly closeEmitter = new vscode.EventEmitter<void>();
  private readonly nameEmitter = new vscode.EventEmitter<string>();
  readonly onDidWrite = this.writeEmitter.event;
  readonly onDidClose = this.closeEmitter.event;
  readonly onDidChangeName = this.nameEmitter.event;
  private opened = false;
  private pending: string[] = [];
  /** Aborts the run in progress, if any. */
  current: AbortController | undefined;

  open(): void {
    this.opened = true;
    for (const text of this.pending) this.writeEmitter.fire(text);
    this.pending = [];
  }

  close(): void {
    // Closing the terminal must not leave a production command running unseen.
    this.current?.abort();
    this.closeEmitter.fire();
  }

  handleInput(data: string): void {
    if (data === '\x03' && this.current) {
      this.write('^C\n');
      this.current.abort();
    }
  }

  /** Renames the terminal tab. */
  rename(name: string): void {
    this.nameEmitter.fire(name);
  }

  /** Writes text, turning bare newlines into CRLF as a terminal needs; buffered until the terminal opens. */
  write(text: string): void {
    const crlf = text.replace(/\r?\n/g, '\r\n');
    if (this.opened) this.writeEmitter.fire(crlf);
    else this.pending.push(crlf);
  }
}

export interface RunTerminal {
  terminal: vscode.Terminal;
  pty: RunPseudoterminal;
  title: string;
}

/** The tab name of an incident's run terminal. */
export function runTerminalName(title: string, active: boolean): string {
  return `Runbooks: ${title}${active ? '' : ' (not active)'}`;
}

/** The extension session's run terminals, one per incident (keyed by its timeline file). */
export class RunTerminals implements vscode.Disposable {
  private readonly terminals = new Map<string, RunTerminal>();
  /** The active incident's timeline, as the session last said: every other incident's terminal says it is not active. */
  private activeFile: string | undefined;
  /** Forgets terminals the user closed. */
  private readonly closing = vscode.window.onDidCloseTerminal((closed) => {
    for (const [key, entry] of this.terminals) if (entry.terminal === closed) this.terminals.delete(key);
  });

  /** Renames the run terminals after the active incident changed, so the tabs agree with the status bar and panel. */
  markActive(timelineFile: string | undefined): void {
    if (timelineFile === this.activeFile) return;
    this.activeFile = timelineFile;
    for (const [file, entry] of this.terminals) entry.pty.rename(runTerminalName(entry.title, file === this.activeFile));
  }

  /** The run terminal of an incident (keyed by its timeline file), created on first use and shown. */
  terminalFor(timelineFile: string, incidentTitle: string): RunTerminal {
    let entry = this.terminals.get(timelineFile);
    if (!entry || entry.terminal.exitStatus !== undefined) {
      const pty = new RunPseudoterminal();
      const terminal = vscode.window.createTerminal({ name: runTerminalName(incidentTitle, timelineFile === this.activeFile), pty });
      entry = { terminal, pty, title: incidentTitle };
      this.terminals.set(timelineFile, entry);
    }
    entry.terminal.show(true);
    return entry;
  }

  /** The terminals stay open for the person to read; only the bookkeeping ends with the session. */
  dispose(): void {
    this.closing.dispose();
    this.terminals.clear();
  }
}
