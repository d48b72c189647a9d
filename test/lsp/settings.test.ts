import assert from 'node:assert/strict';
import { DEFAULT_SETTINGS, normalizeSettings } from '../../server/src/lsp/settings';

describe('language server settings', () => {
  it('takes the client\'s values and falls back to the defaults for missing or ill-typed ones', () => {
    assert.deepEqual(normalizeSettings(undefined), DEFAULT_SETTINGS);
    const s = normalizeSettings({ files: ['docs/**/*.md'], schema: ' team.json ', reviewIntervalDays: 30, staleErrorAfterDays: 0, timelineFolder: 'ops/incidents' });
    assert.deepEqual(s, { files: ['docs/**/*.md'], schema: 'team.json', reviewIntervalDays: 30, staleErrorAfterDays: 0, timelineFolder: 'ops/incidents' });
    const bad = normalizeSettings({ files: 'x', schema: 3, reviewIntervalDays: 0, staleErrorAfterDays: -1, timelineFolder: 7 });
    assert.deepEqual(bad, DEFAULT_SETTINGS);
  });
});
