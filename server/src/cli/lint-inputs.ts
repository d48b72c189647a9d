/**
 * What a lint of one file read besides its own text, for `runbooks lint --cache`: the links check's questions to the
 * file system, recorded as it asks them, so the cache can tell when a linked file appeared, went or changed headings.
 */
import type { HeadingRef, Runbook } from '../engine/model';
import type { RunbookSchema } from '../engine/schema';
import type { FileLinkWorkspace, LinkWorkspace } from '../engine/links/workspace';
import type { EngineSession } from '../engine/session/session';
import { fileHash, type FileInputs, type PathKind } from './cache';

/** A LinkWorkspace over the file system that remembers every path asked about and what it found there. */
export class RecordingLinkWorkspace implements LinkWorkspace {
  private readonly base: FileLinkWorkspace;
  private readonly kinds = new Map<string, PathKind>();
  private readonly anchorFiles = new Map<string, string | null>();

  /** The session's view of the files under `root` (shared with analyze: each linked file read once per run). */
  constructor(readonly root: string, private readonly session: EngineSession) {
    this.base = session.linkWorkspace(root);
  }

  kind(path: string): 'file' | 'dir' | undefined {
    const kind = this.base.kind(path);
    this.kinds.set(path, kind ?? 'none');
    return kind;
  }

  anchors(path: string): { anchors: Set<string>; headings: HeadingRef[] } | undefined {
    const value = this.base.anchors(path);
    this.anchorFiles.set(path, hashOfLinked(path, this.session));
    return value;
  }

  remember(path: string, runbook: Runbook): void {
    this.base.remember(path, runbook);
  }

  take(path: string, text: string, schema: RunbookSchema): Runbook | undefined {
    return this.base.take(path, text, schema);
  }

  /** What was asked, for the cache entry of the file whose lint used this workspace. */
  inputs(content: string): FileInputs {
    return { content, kinds: [...this.kinds], anchors: [...this.anchorFiles] };
  }
}

/** A linked Markdown file's content hash, kept in the session by path and modification time. */
function hashOfLinked(path: string, session: EngineSession): string | null {
  const hashes = session.linkedHashes;
  let mtimeMs: number;
  try {
    mtimeMs = session.host.fs.stat(path).mtimeMs;
  } catch {
    return null;
  }
  const hit = hashes.get(path);
  if (hit && hit.mtimeMs === mtimeMs) return hit.hash;
  const hash = fileHash(path);
  hashes.set(path, { mtimeMs, hash });
  return hash;
}
