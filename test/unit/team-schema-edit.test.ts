// A team edits its schema file under a running server: the next analysis (in any worker) uses the new schema.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { analyzeText, profileOf } from '../../server/src/engine/analyze';
import { ProjectContext } from '../../server/src/engine/config/index';

const TEAM_SCHEMA = readFileSync(resolve(__dirname, '..', '..', 'samples', 'schemas', 'team.runbook.schema.json'), 'utf8');
const RUNBOOK = '# Checkout errors\n\n## Meaning\n\nErrors.\n';

describe('a team schema edited under a running server', () => {
  it('the same context and the same thread compile the edited schema: the new message, not the old one', async () => {
    const ws = realpathSync(mkdtempSync(join(tmpdir(), 'runbooks-schema-edit-')));
    mkdirSync(join(ws, 'runbooks'));
    const schema = join(ws, 'team.schema.json');
    writeFileSync(schema, TEAM_SCHEMA);
    writeFileSync(join(ws, '.runbooks.yaml'), 'schema: team.schema.json\n');
    const file = join(ws, 'runbooks', 'checkout.md');
    const project = new ProjectContext({ trusted: true });
    const impactMessage = async () => {
      const context = project.forFile(file, ws);
      assert.equal(context.schemaError, undefined);
      const { result } = await analyzeText(RUNBOOK, file, profileOf(context), { today: '2026-11-27', linkRoot: ws });
      return result.findings.find((f) => /Impact/.test(f.message))?.message;
    };
    assert.match((await impactMessage()) ?? '', /so the IC can set the severity/);
    writeFileSync(schema, TEAM_SCHEMA.replace('so the IC can set the severity.', 'edited by the team.'));
    utimesSync(schema, new Date(Date.UTC(2030, 0, 1)), new Date(Date.UTC(2030, 0, 1))); // a new modification time, whatever the clock
    project.invalidate(); // what the server does when a watched file changes
    assert.match((await impactMessage()) ?? '', /edited by the team\./);
  });
});
