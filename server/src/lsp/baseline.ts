/** Baselined findings in the editor: shown as hints (or not at all), as `runbooks lint --baseline` leaves them out. */
import { MAX_BASELINE_BYTES } from '../engine/baseline';
import { nodeFileSystem, type HostFileSystem } from '../engine/session/host';
import { documentIdentity, fingerprint, matchBaseline, parseBaseline } from '../engine/baseline';
import type { FileContext } from '../engine/config/index';
import type { Finding, Runbook } from '../engine/index';

export class BaselineFiles {
  private readonly loaded = new Map<string, { mtimeMs: number; counts: Map<string, number> }>();
  private readonly refused = new Set<string>();

  /** `log` hears once per file and reason why a baseline the config names was not read. */
  constructor(private readonly log: (message: string) => void = () => undefined, private readonly fs: HostFileSystem = nodeFileSystem) {}

  /** The findings with those the context's baseline holds turned into hints, or left out (`baselineSeverity: off`). */
  apply(findings: Finding[], runbook: Runbook, path: string, context: FileContext): Finding[] {
    const file = context.config.baselinePath;
    if (!file || findings.length === 0) return findings;
    const counts = this.read(file, context.config.file?.dir);
    if (!counts || counts.size === 0) return findings;
    const identity = documentIdentity(runbook, path);
    const { known } = matchBaseline(findings, (f) => fingerprint(f, runbook.text, identity), counts);
    if (known.length === 0) return findings;
    const baselined = new Set(known);
    if (context.config.baselineSeverity === 'off') return findings.filter((f) => !baselined.has(f));
    return findings.map((f) => (baselined.has(f) ? { ...f, severity: 'hint', message: `${f.message} (in the baseline)` } : f));
  }

  /** The baseline a config names, through the guarded reader: `baseline: /dev/zero` or a link out of the tree is not read. */
  private read(file: string, root: string | undefined): Map<string, number> | undefined {
    try {
      const { mtimeMs } = this.fs.stat(file);
      const hit = this.loaded.get(file);
      if (hit && hit.mtimeMs === mtimeMs) return hit.counts;
      const counts = parseBaseline(this.fs.readText(file, { root, maxBytes: MAX_BASELINE_BYTES }));
      this.loaded.set(file, { mtimeMs, counts });
      return counts;
    } catch (e) {
      const message = `Runbooks: the baseline ${file} is not used: ${(e as Error).message}`;
      if (!this.refused.has(message)) {
        this.refused.add(message);
        this.log(message);
      }
      return undefined;
    }
  }
}
