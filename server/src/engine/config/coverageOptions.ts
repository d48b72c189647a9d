// The alert-coverage options a config's `alerts` block gives: the same for `runbooks lint`/`coverage` and the editor.
import type { CoverageOptions } from '../alerts/types';
import type { FileContext } from './context';

/** The coverage options of a file's config (`alerts:`): annotation, URL patterns, paging severities. */
export function configuredCoverageOptions(context: Pick<FileContext, 'config'>): CoverageOptions {
  const a = context.config.alerts;
  return {
    ...(a.annotation ? { annotation: a.annotation } : {}),
    runbookUrlPatterns: [...(a.runbookUrl ?? [])],
    ...(a.pagingSeverities ? { pagingSeverities: a.pagingSeverities } : {}),
    requireAnnotation: a.requireAnnotation === true,
  };
}
