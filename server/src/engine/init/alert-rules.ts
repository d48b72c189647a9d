/**
 * `runbooks init` and the collection's alert rules: which files hold them (rule groups, `PrometheusRule` objects,
 * mixin JSON), which annotation names the runbook, the URL pattern their links follow, which severities page, and which
 * pages the alerts link to (those are runbooks, whatever their shape). Pure: the caller reads the files.
 */
import { compileUrlPatterns, parseRunbookLink, pathKey } from '../alerts/url';
import type { RulesFile } from '../alerts/types';

/** What init writes under `alerts:`, and the pages it found the alerts linking to. */
export interface AlertsProposal {
  rules: string[];
  annotation?: string;
  runbookUrl: string[];
  pagingSeverities?: string[];
  alerts: number;
  /** Alerts whose link, under the proposed pattern, leads to a page of the collection. */
  linked: number;
  /** Collection-relative paths of the pages some alert links to. */
  linkedPages: Set<string>;
}

/** Annotation names that hold a runbook link, most usual first. */
const LINK_ANNOTATIONS = ['runbook_url', 'runbook', 'runbook_link', 'runbookUrl', 'playbook', 'playbook_url', 'documentation'];
/** Severity words that page someone, in the spellings collections use. */
const PAGING_WORDS = [['critical'], ['s1', 's2'], ['p1', 'p2'], ['page'], ['high']];
/** Listed one by one up to this many rule files; more become one glob per folder. */
const LISTED_FILES = 12;

/** The `alerts:` block for the rule files found (only files with at least one alert), or undefined when none. */
export function proposeAlerts(ruleFiles: readonly RulesFile[], pages: readonly string[]): AlertsProposal | undefined {
  const files = ruleFiles.filter((f) => f.alerts.length > 0);
  if (files.length === 0) return undefined;
  const all = files.flatMap((f) => f.alerts);
  const annotation = mostUsedAnnotation(all.map((a) => Object.keys(a.annotations)));
  const values = annotation ? all.map((a) => a.annotations[annotation]?.value).filter((v): v is string => v !== undefined && !v.includes('{{')) : [];
  const byKey = pageKeys(pages);
  const runbookUrl = inferPattern(values, byKey);
  const patterns = compileUrlPatterns(runbookUrl ? [runbookUrl] : []);
  const linkedPages = new Set<string>();
  let linked = 0;
  for (const value of values) {
    const link = parseRunbookLink(value, patterns);
    if (link.kind !== 'path') continue;
    const page = byKey.get(pathKey(link.path));
    if (page) {
      linked++;
      linkedPages.add(page);
    }
  }
  const severities = new Set(all.map((a) => a.severity?.toLowerCase()).filter((s): s is string => !!s));
  const paging = PAGING_WORDS.find((words) => words.some((w) => severities.has(w)));
  return {
    rules: ruleGlobs(files.map((f) => f.file)),
    ...(annotation && annotation !== 'runbook_url' ? { annotation } : {}),
    runbookUrl: runbookUrl ? [runbookUrl] : [],
    // `critical` is the default: written only when the collection pages on other words.
    ...(paging && paging[0] !== 'critical' ? { pagingSeverities: paging.filter((w) => severities.has(w)) } : {}),
    alerts: all.length,
    linked,
    linkedPages,
  };
}

/**
 * Page keys (`pathKey`s) and every trailing run of their segments -> the page: a site serves `content/runbooks/x.md`
 * at `/runbooks/x/`, and coverage finds a link's path as the end of a runbook's path too. A README or index page also
 * answers for its folder. A tail two pages share is left to the longer one that names it first (sorted paths).
 */
function pageKeys(pages: readonly string[]): Map<string, string> {
  const byKey = new Map<string, string>();
  for (const page of [...pages].sort()) {
    const key = pathKey(page);
    const folder = /^(.*)\/(readme|_?index)$/i.exec(key)?.[1];
    for (const k of folder ? [key, folder] : [key]) {
      const segments = k.split('/');
      for (let i = 0; i < segments.length; i++) {
        const tail = segments.slice(i).join('/');
        if (!byKey.has(tail)) byKey.set(tail, page);
      }
    }
  }
  return byKey;
}

function mostUsedAnnotation(keys: readonly string[][]): string | undefined {
  const counts = new Map<string, number>();
  for (const list of keys) for (const k of list) if (LINK_ANNOTATIONS.includes(k)) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || LINK_ANNOTATIONS.indexOf(a[0]) - LINK_ANNOTATIONS.indexOf(b[0]))[0]?.[0];
}

/**
 * The URL pattern most links follow: for each absolute link, the longest tail of its path that is a page of the
 * collection gives `prefix{path}`; the prefix most links share wins. Relative links need none.
 */
function inferPattern(values: readonly string[], byKey: ReadonlyMap<string, string>): string | undefined {
  const votes = new Map<string, number>();
  for (const raw of values) {
    const value = raw.trim().replace(/[#?].*$/, '');
    if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) continue;
    const slash = value.indexOf('/', value.indexOf('//') + 2);
    if (slash < 0) continue;
    const segments = value.slice(slash + 1).split('/');
    for (let i = 0; i < segments.length; i++) {
      const tail = segments.slice(i).join('/');
      if (tail && byKey.has(pathKey(tail))) {
        const prefix = `${value.slice(0, slash + 1)}${segments.slice(0, i).map((s) => `${s}/`).join('')}`;
        votes.set(prefix, (votes.get(prefix) ?? 0) + 1);
        break;
      }
    }
  }
  const best = [...votes].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
  return best ? `${best[0]}{path}` : undefined;
}

/** The rule files themselves when few, else one glob per folder and extension. */
function ruleGlobs(files: readonly string[]): string[] {
  if (files.length <= LISTED_FILES) return [...files].sort();
  const globs = new Set<string>();
  for (const f of files) {
    const slash = f.lastIndexOf('/');
    const ext = /\.[^.]+$/.exec(f)?.[0] ?? '';
    globs.add(`${slash < 0 ? '' : f.slice(0, slash + 1)}*${ext}`);
  }
  return [...globs].sort();
}
