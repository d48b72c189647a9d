/**
 * Rule `links`: relative links and images to files that do not exist, `#anchors` that name no heading (here or in the
 * linked runbook), and Hugo `ref`/`relref` shortcodes to pages that do not exist. Outside URLs are not fetched here
 * (`runbooks links --external` does that on request).
 */
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { HeadingRef, LinkRef, Runbook } from '../model';
import type { Finding, Fix } from '../types';
import { closestHeading, documentAnchors, headingSlug } from './anchors';
import type { LinkWorkspace } from './workspace';

/** Where the runbook is and what is around it. */
export interface LinkContext {
  /** The runbook's absolute path. */
  file: string;
  workspace: LinkWorkspace;
}

const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;

/** True for a destination the links check leaves alone: a URL with a scheme, `//host`, or a template. */
export function isExternal(url: string): boolean {
  return SCHEME.test(url) || url.startsWith('//');
}

/** Every `links/*` finding of the runbook (none without a context: an untitled document has no folder). */
export function checkLinks(runbook: Runbook, context: LinkContext | undefined): Finding[] {
  const out: Finding[] = [];
  let own: Set<string> | undefined;
  for (const link of runbook.links) {
    const url = link.url.trim();
    if (url === '' || isExternal(url) || /[{}<>]/.test(url)) continue;
    if (url.startsWith('#')) {
      own ??= documentAnchors(runbook.text, runbook.headings);
      const anchor = decode(url.slice(1));
      if (anchor === '' || anchor === 'top' || own.has(anchor) || own.has(anchor.toLowerCase())) continue;
      out.push(noSuchHeading(link, anchor, 'this runbook', runbook.headings, (slug) => `#${slug}`));
      continue;
    }
    if (!context) continue;
    if (link.kind === 'hugo-ref') {
      const found = resolveHugoRef(context, url);
      if (!found) out.push(finding(link, 'links/hugo-ref', `This ref names "${url.split('#')[0]}", but no page of the site has that path.`));
      continue;
    }
    const [pathPart, ...rest] = url.split('#');
    const anchor = decode(rest.join('#'));
    const target = pathPart.startsWith('/') ? join(context.workspace.root, decode(pathPart)) : resolve(dirname(context.file), decode(pathPart));
    let kind = context.workspace.kind(target);
    // A site's pretty URL: `/docs/add-runbook` or `../add-runbook/` is the page a static site generator serves there.
    const served = !kind && (pathPart.startsWith('/') || pathPart.endsWith('/')) && link.kind !== 'image' ? servedPage(context, decode(pathPart), false) : undefined;
    if (served) kind = 'file';
    if (!kind) {
      out.push(noSuchFile(link, pathPart, target, context));
      continue;
    }
    if (anchor === '' || kind !== 'file' || !/\.(md|markdown)$/i.test(target)) continue;
    const targetAnchors = context.workspace.anchors(target);
    if (!targetAnchors || targetAnchors.anchors.has(anchor) || targetAnchors.anchors.has(anchor.toLowerCase())) continue;
    out.push(noSuchHeading(link, anchor, basename(target), targetAnchors.headings, (slug) => `${pathPart}#${slug}`));
  }
  return out;
}

function noSuchHeading(link: LinkRef, anchor: string, where: string, headings: readonly HeadingRef[], rewrite: (slug: string) => string): Finding {
  const close = closestHeading(anchor, headings);
  const suggestion = close ? ` The closest heading is "${close.text}" (line ${close.line + 1}): was it renamed?` : '';
  const fix: Fix | undefined = close
    ? { title: `Link to "${close.text}"`, edits: [{ range: link.range, newText: rewrite(close.id ?? headingSlug(close.text)) }] }
    : undefined;
  return finding(link, 'links/no-such-heading', `No heading of ${where} has the anchor "#${anchor}".${suggestion}`, fix);
}

function noSuchFile(link: LinkRef, written: string, target: string, context: LinkContext): Finding {
  // The obvious repairs: the same path with `.md`, or the name in another case in that folder.
  const candidates = [`${target}.md`, join(dirname(target), basename(target).toLowerCase())];
  const found = extname(target) === '' || target !== candidates[1] ? candidates.find((c) => c !== target && context.workspace.kind(c) === 'file') : undefined;
  const fixed = found ? written.slice(0, written.length - basename(target).length) + basename(found) : undefined;
  const fix: Fix | undefined = fixed
    ? { title: `Link to ${fixed}`, edits: [{ range: { start: link.range.start, end: { line: link.range.start.line, character: link.range.start.character + written.length } }, newText: fixed }] }
    : undefined;
  const what = link.kind === 'image' ? 'This image' : 'This link';
  return finding(link, 'links/no-such-file', `${what} leads to "${written}", which does not exist.`, fix);
}

function finding(link: LinkRef, code: string, message: string, fix?: Fix): Finding {
  return { rule: 'links', code, severity: 'warning', range: link.range, message, ...(fix ? { fix } : {}) };
}

/**
 * Where a Hugo ref leads: relative to the page, then to the site's `content` folder (the nearest one above the page,
 * else the workspace root), as `path`, `path.md`, `path/_index.md` or `path/index.md`.
 */
function resolveHugoRef(context: LinkContext, ref: string): string | undefined {
  const path = decode(ref.split('#')[0]);
  if (path === '') return context.file;
  return servedPage(context, path, true);
}

/**
 * The page a site serves at a path, as Hugo and MkDocs map URLs to sources: relative to the page, then to the site's
 * source folder (the nearest `content` or `docs` folder above the page, else the workspace's `content` or `docs`, else
 * the workspace root), as `path`, `path.md`, `path/_index.md`, `path/index.md` or `path/README.md`. A relative link
 * (not a Hugo ref, which also looks under the site folder) is relative to its page only.
 */
function servedPage(context: LinkContext, path: string, siteRelative: boolean): string | undefined {
  const rooted = path.startsWith('/');
  const roots = rooted ? [] : [dirname(context.file)];
  if (siteRelative || rooted) {
    for (let dir = dirname(context.file); ; dir = dirname(dir)) {
      if (basename(dir) === 'content' || basename(dir) === 'docs') roots.push(dir);
      if (dir === context.workspace.root || dirname(dir) === dir) break;
    }
    roots.push(join(context.workspace.root, 'content'), join(context.workspace.root, 'docs'), context.workspace.root);
  }
  for (const root of roots) {
    const base = (rooted ? join(root, path) : resolve(root, path)).replace(/[\\/]+$/, '');
    for (const candidate of [base, `${base}.md`, join(base, '_index.md'), join(base, 'index.md'), join(base, 'README.md')]) {
      if (context.workspace.kind(candidate) === 'file') return candidate;
    }
  }
  return undefined;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
