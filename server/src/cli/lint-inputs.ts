/**
 * What a lint of one file read besides its own text, for `runbooks lint --cache`: the links check's questions to the
 * file system, recorded as it asks them, so the cache can tell when a linked file appeared, went or changed headings.
 */
import { statSync } from 'node:fs';
import type { HeadingRef, Runbook } from '../engine/model';
import type { RunbookSchema } from '../engine/schema';
import { FileLinkWorkspace, type LinkWorkspace } from '../engine/links/workspace';
import { fileHash, type FileInputs, type PathKind } from './cache';

/** One file system view per root for the thread's lifetime (what analyze keeps too): each linked file read once. */
const shared = new Map<string, FileLinkWorkspace>();
/** Content hashes of linked Markdown files, by path and modification time. */
const hashes = new Map<string, { mtimeMs: number; hash: string | null }>();

/** A LinkWorkspace over the file system that remembers every path asked about and what it found there. */
export class RecordingLinkWorkspace implements LinkWorkspace {
  private readonly base: FileLinkWorkspace;
  private readonly kinds = new Map<string, PathKind>();
  private readonly anchorFiles = new Map<string, string | null>();

  constructor(readonly root: string) {
    let base = shared.get(root);
    if (!base) shared.set(root, (base = new FileLinkWorkspace(root)));
    this.base = base;
  }

  kind(path: string): 'file' | 'dir' | undefined {
    const kind = this.base.kind(path);
    this.kinds.set(path, kind ?? 'none');
    return kind;
  }

  anchors(path: string): { anchors: Set<string>; headings: HeadingRef[] } | undefined {
    const value = this.base.anchors(path);
    this.anchorFiles.set(path, hashOfLinked(path));
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

function hashOfLinked(path: string): string | null {
  let mtimeMs: number;
  try {
    mtimeMs = statSync(path).mtimeMs;
  } catch {
    return null;
  }
  const hit = hashes.get(path);
  if (hit && hit.mtimeMs === mtimeMs) return hit.hash;
  const hash = fileHash(path);
  hashes.set(path, { mtimeMs, hash });
  return hash;
}
