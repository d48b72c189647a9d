// One engine session per workspace, made from a host: two sessions in one process never share what they learned (a
// team's schema), recompute() makes a live session follow a schema edit, and the host's today() decides staleness.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AnalysisPool } from '../../server/src/engine/analysis/pool';
import { analyzeText, profileOf } from '../../server/src/engine/analyze';
import { ProjectContext } from '../../server/src/engine/config/index';
import { memoryHost, type MemoryHost } from '../../server/src/engine/session/host';
import { createSession, type EngineSession } from '../../server/src/engine/session/session';
import { nodeHost } from '../../server/src/engine/session/host';

const WORKER = join(__dirname, '..', '..', 'server', 'src', 'engine', 'analysis', 'workerMain.ts');

const TEAM_SCHEMA = readFileSync(resolve(__dirname, '..', '..', 'samples', 'schemas', 'team.runbook.schema.json'), 'utf8');
const RUNBOOK = '# Checkout errors\n\n## Meaning\n\nErrors.\n';
const FILE = '/ws/runbooks/checkout.md';

/** A workspace in memory: a config naming a team schema, the schema, and the runbook. */
function workspace(schema: string, today = '2026-11-27'): MemoryHost {
  return memoryHost({
    '/ws/.runbooks.yaml': 'schema: team.schema.json\n',
    '/ws/team.schema.json': schema,
    [FILE]: RUNBOOK,
  }, { today, cwd: '/ws' });
}

/** What the session reports for the runbook, as the language server and the CLI ask it. */
async function findings(session: EngineSession, project = new ProjectContext({ trusted: true, session }), text = RUNBOOK): Promise<string[]> {
  const context = project.forFile(FILE, '/ws');
  assert.equal(context.schemaError, undefined);
  const { result } = await analyzeText(text, FILE, profileOf(context), { session, linkRoot: '/ws' });
  return result.findings.map((f) => `${f.rule}: ${f.message}`);
}

const impact = (messages: string[]) => messages.find((m) => /Impact/.test(m));

describe('engine session', () => {
  it('two sessions in one process with different team schemas give different findings for the same text', async () => {
    const a = createSession(workspace(TEAM_SCHEMA));
    const b = createSession(workspace(TEAM_SCHEMA.replace('so the IC can set the severity.', 'team B wrote this.')));
    // Interleaved, each twice: a cache shared between them would give one the other's schema.
    const [a1, b1, a2, b2] = [await findings(a), await findings(b), await findings(a), await findings(b)];
    assert.match(impact(a1) ?? '', /so the IC can set the severity/);
    assert.match(impact(b1) ?? '', /team B wrote this/);
    assert.deepEqual(a2, a1);
    assert.deepEqual(b2, b1);
    assert.notDeepEqual(a1, b1);
    // And with profiles that carry no schema version (the CLI's): each session keeps its own compiled schema.
    const versionless = { schemaPath: '/ws/team.schema.json', sections: {}, severities: {}, reviewIntervalDays: 90, staleErrorAfterDays: 365 };
    const impactIn = async (session: EngineSession) => (await analyzeText(RUNBOOK, FILE, versionless, { session })).result.findings.find((f) => /Impact/.test(f.message))?.message;
    const [fromA, fromB] = [await impactIn(createSession(workspace(TEAM_SCHEMA))), await impactIn(b)];
    assert.match(fromA ?? '', /so the IC can set the severity/);
    assert.match(fromB ?? '', /team B wrote this/);
  });

  it('a session without a team schema does not see another session\'s', async () => {
    const team = createSession(workspace(TEAM_SCHEMA));
    const plain = createSession(memoryHost({ [FILE]: RUNBOOK }, { today: '2026-11-27', cwd: '/ws' }));
    assert.ok(impact(await findings(team)));
    assert.equal(impact(await findings(plain)), undefined);
  });

  it('a schema edited under a live session: recompute() and the next analysis uses the edit', async () => {
    const host = workspace(TEAM_SCHEMA);
    const session = createSession(host);
    const project = new ProjectContext({ trusted: true, session });
    assert.match(impact(await findings(session, project)) ?? '', /so the IC can set the severity/);
    host.fs.write('/ws/team.schema.json', TEAM_SCHEMA.replace('so the IC can set the severity.', 'edited by the team.'));
    session.recompute();
    // A profile without the schema's version (as the CLI's) relies on recompute() alone.
    const { result } = await analyzeText(RUNBOOK, FILE, { schemaPath: '/ws/team.schema.json', sections: {}, severities: {}, reviewIntervalDays: 90, staleErrorAfterDays: 365 }, { session });
    assert.match(result.findings.find((f) => /Impact/.test(f.message))?.message ?? '', /edited by the team\./);
    assert.match(impact(await findings(session, new ProjectContext({ trusted: true, session }))) ?? '', /edited by the team\./);
  });

  it('recompute() reaches every listener (the analysis pool tells its workers) and bumps the generation', () => {
    const session = createSession(workspace(TEAM_SCHEMA));
    let told = 0;
    session.onRecompute(() => told++);
    session.recompute();
    session.recompute();
    assert.equal(told, 2);
    assert.equal(session.generation, 2);
  });

  it('recompute() reaches the analysis workers: a worker drops the schema it compiled', async function () {
    this.timeout(120_000);
    // Workers read the real disk (a worker thread cannot share an in-memory host): the schema is a temp file.
    const dir = mkdtempSync(join(tmpdir(), 'runbooks-session-workers-'));
    const schemaPath = join(dir, 'team.schema.json');
    writeFileSync(schemaPath, TEAM_SCHEMA);
    const session = createSession(nodeHost({ today: () => '2026-11-27' }));
    const pool = new AnalysisPool({ script: WORKER, softMs: 60_000, hardMs: 100_000, maxWorkers: 1, session });
    try {
      // No schema version in the profile: the worker keeps what it compiled until told to recompute.
      const job = (version: number) => ({
        uri: 'file:///x.md', version, text: RUNBOOK, path: join(dir, 'x.md'), today: '2026-11-27', linkRoot: dir, linkTtlMs: 0, severitiesOnlyLower: false,
        profile: { schemaPath, sections: {}, severities: {}, reviewIntervalDays: 90, staleErrorAfterDays: 365 },
      });
      const impactOf = async (version: number) => {
        const outcome = await pool.run(job(version), { isCancellationRequested: false });
        assert.equal(outcome.kind, 'done');
        return outcome.kind === 'done' ? outcome.result.findings.find((f) => /Impact/.test(f.message))?.message : undefined;
      };
      assert.match(await impactOf(1) ?? '', /so the IC can set the severity/);
      writeFileSync(schemaPath, TEAM_SCHEMA.replace('so the IC can set the severity.', 'edited by the team.'));
      assert.match(await impactOf(2) ?? '', /so the IC can set the severity/, 'the worker still has the schema it compiled');
      session.recompute();
      assert.match(await impactOf(3) ?? '', /edited by the team\./);
    } finally {
      pool.dispose();
    }
  });

  it('the host\'s today() decides staleness: no real clock', async () => {
    const reviewed = `---\nlast_reviewed: 2026-01-01\n---\n${RUNBOOK}`;
    const stale = async (today: string) => {
      const session = createSession(memoryHost({ [FILE]: reviewed }, { today, cwd: '/ws' }));
      return (await findings(session, undefined, reviewed)).filter((m) => m.startsWith('stale'));
    };
    assert.deepEqual(await stale('2026-01-10'), []);
    assert.ok((await stale('2027-06-01')).length > 0, 'reviewed 17 months before the host\'s today: stale');
  });

  it('the in-memory host answers as Node does: ENOENT, implied folders, sizes and mtimes', () => {
    const host = memoryHost({ '/ws/a/b.md': 'héllo' });
    assert.throws(() => host.fs.stat('/ws/none.md'), (e: NodeJS.ErrnoException) => e.code === 'ENOENT' && /ENOENT/.test(e.message));
    assert.equal(host.fs.stat('/ws/a').isDirectory(), true);
    assert.equal(host.fs.stat('/ws/a/b.md').size, 6);
    assert.deepEqual(host.fs.readdir('/ws').map((d) => [d.name, d.isDirectory()]), [['a', true]]);
    const before = host.fs.stat('/ws/a/b.md').mtimeMs;
    host.fs.write('/ws/a/b.md', 'changed');
    assert.ok(host.fs.stat('/ws/a/b.md').mtimeMs > before);
    assert.equal(host.fs.exists('/ws/a/c.md'), false);
  });
});
