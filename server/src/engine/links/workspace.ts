/** What the links check needs to know of the files around a runbook: given by the CLI and the language server. */
import { decodeRunbook, MAX_RUNBOOK_BYTES } from '../files';
import { nodeFileSystem, type HostFileSystem } from '../session/host';
import { parseRunbook } from '../parse';
import { documentAnchors } from './anchors';
import type { HeadingRef, Runbook } from '../model';
import type { RunbookSchema } from '../schema';

/** The files a link can lead to. Paths are absolute. */
export interface LinkWorkspace {
  /** The folder `/`-rooted links start from (the workspace folder, or where the CLI runs). */
  root: string;
  /** 'file', 'dir', or undefined when nothing is there. */
  kind(path: string): 'file' | 'dir' | undefined;
  /** A Markdown file's anchors and headings, undefined when it cannot be read. */
  anchors(path: string): { anchors: Set<string>; headings: HeadingRef[] } | undefined;
  /**
   * One parse per file in a run: the analysis of a file tells the workspace its model (links to it are then answered
   * from it while its text is the same), and takes the model the workspace parsed when a link reached the file first.
   */
  remember?(path: string, runbook: Runbook): void;
  take?(path: string, text: string, schema: RunbookSchema): Runbook | undefined;
}

/** Models parsed for a link, kept for their own analysis in the same run: at most this many (the oldest go first). */
const SHELF = 256;

/**
 * The file system as a LinkWorkspace, remembering what it saw: for `ttlMs` (the language server passes a few seconds,
 * so typing never re-reads files), or for the process (the CLI).
 */
export class FileLinkWorkspace implements LinkWorkspace {
  private readonly kinds = new Map<string, { at: number; kind: 'file' | 'dir' | undefined }>();
  private readonly parsed = new Map<string, { mtimeMs: number; value: ReturnType<LinkWorkspace['anchors']> }>();
  /** The anchors of files analysed in this run, with the text they came from. */
  private readonly analysed = new Map<string, { text: string; value: NonNullable<ReturnType<LinkWorkspace['anchors']>> }>();
  /** Models parsed to answer a link, for the file's own analysis (a CLI run only: `ttlMs` Infinity). */
  private readonly shelf = new Map<string, Runbook>();

  constructor(
    readonly root: string, private readonly ttlMs = Infinity, private readonly now: () => number = Date.now, private readonly fs: HostFileSystem = nodeFileSystem,
  ) {}

  remember(path: string, runbook: Runbook): void {
    // The editor's workspace lives on: only a run (the CLI) keeps what its analyses saw.
    if (this.ttlMs !== Infinity) return;
    this.analysed.set(path, { text: runbook.text, value: { anchors: documentAnchors(runbook.text, runbook.headings), headings: runbook.headings } });
  }

  take(path: string, text: string, schema: RunbookSchema): Runbook | undefined {
    const runbook = this.shelf.get(path);
    if (!runbook) return undefined;
    this.shelf.delete(path);
    return runbook.text === text && runbook.schema === schema ? runbook : undefined;
  }

  kind(path: string): 'file' | 'dir' | undefined {
    const hit = this.kinds.get(path);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.kind;
    let kind: 'file' | 'dir' | undefined;
    try {
      const s = this.fs.stat(path);
      kind = s.isDirectory() ? 'dir' : 'file';
    } catch {
      kind = undefined;
    }
    this.kinds.set(path, { at: this.now(), kind });
    return kind;
  }

  anchors(path: string): ReturnType<LinkWorkspace['anchors']> {
    let mtimeMs: number;
    try {
      mtimeMs = this.fs.stat(path).mtimeMs;
    } catch {
      return undefined;
    }
    const hit = this.parsed.get(path);
    if (hit && hit.mtimeMs === mtimeMs) return hit.value;
    let value: ReturnType<LinkWorkspace['anchors']>;
    try {
      // A link's target is the repository's to name: a FIFO, /dev/zero or a link out of the root is never read.
      const decoded = decodeRunbook(this.fs.readBytes(path, { root: this.root, maxBytes: MAX_RUNBOOK_BYTES }));
      const known = 'error' in decoded ? undefined : this.analysed.get(path);
      if ('error' in decoded) value = undefined;
      else if (known && known.text === decoded.text) value = known.value;
      else {
        const runbook = parseRunbook(decoded.text, undefined, { cacheChunks: false });
        value = { anchors: documentAnchors(runbook.text, runbook.headings), headings: runbook.headings };
        if (this.ttlMs === Infinity && !this.analysed.has(path)) {
          this.shelf.set(path, runbook);
          if (this.shelf.size > SHELF) this.shelf.delete(this.shelf.keys().next().value as string);
        }
      }
    } catch {
      value = undefined;
    }
    this.parsed.set(path, { mtimeMs, value });
    return value;
  }
}
