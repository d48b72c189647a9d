import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { TIMELINE_AJV_OPTIONS, TIMELINE_SCHEMA, timelineEventError } from '../../server/src/engine/timeline/schema';
import { BUNDLED_SCHEMA, bundledRunbookSchema, compileRunbookSchema, lintRunbook, schemaHash } from '../../server/src/engine/index';
import { CORPORA } from '../helpers/corpora';

const ROOT = join(__dirname, '..', '..');

function markdownFiles(dir: string, limit: number, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    if (out.length >= limit) break;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) markdownFiles(path, limit, out);
    else if (name.endsWith('.md')) out.push(path);
  }
  return out;
}

describe('the precompiled bundled schema (build-time standalone validator)', () => {
  it('is what the bundled schema validates with after a build, and only for the schema it was made from', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const generated = require('../../server/src/engine/generated/bundled-validate.js') as { validate: unknown; schemaHash: string };
    assert.equal(generated.schemaHash, schemaHash(BUNDLED_SCHEMA), 'npm run build generates it from schemas/runbook.schema.json');
    assert.equal(bundledRunbookSchema().validate, generated.validate);
    assert.notEqual(schemaHash({ ...BUNDLED_SCHEMA, title: 'changed' }), generated.schemaHash);
  });

  it('gives the findings the schema compiled at run time gives, on the samples and the shared corpora', async function () {
    this.timeout(120_000);
    const compiled = compileRunbookSchema(BUNDLED_SCHEMA, 'bundled');
    assert.notEqual(compiled.validate, bundledRunbookSchema().validate);
    const files = [
      ...markdownFiles(join(ROOT, 'samples'), 50),
      ...['openshift-runbooks', 'gitlab-runbooks'].flatMap((c) => {
        try { return CORPORA ? markdownFiles(join(CORPORA, c), 120) : []; } catch { return []; }
      }),
    ];
    assert.ok(files.length >= 5);
    let schemaFindings = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const options = { today: '2026-11-26' };
      const a = (await lintRunbook(text, options)).findings;
      const b = (await lintRunbook(text, { ...options, schema: compiled })).findings;
      assert.deepEqual(a, b, file);
      schemaFindings += a.filter((f) => f.rule === 'schema').length;
    }
    assert.ok(schemaFindings > 20, `the files exercise the schema (${schemaFindings} schema findings)`);
  });

  it('the timeline validator (precompiled too) accepts and refuses what ajv compiled at run time does', () => {
    const compiled = new Ajv(TIMELINE_AJV_OPTIONS).compile(TIMELINE_SCHEMA);
    const dir = join(ROOT, 'samples', 'incidents');
    const events: unknown[] = readdirSync(dir).filter((f) => f.endsWith('.jsonl'))
      .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as unknown));
    assert.ok(events.length > 10);
    // Each valid event broken a few ways: a field dropped, a wrong type, an unknown kind.
    const broken = events.flatMap((e) => {
      const { ts: _ts, ...noTime } = e as Record<string, unknown>;
      return [noTime, { ...(e as object), ts: 42 }, { ...(e as object), kind: 'no-such-kind' }];
    });
    let refused = 0;
    for (const event of [...events, ...broken, null, 'text', []]) {
      const error = timelineEventError(event);
      assert.equal(error === undefined, compiled(event), JSON.stringify(event));
      if (error) refused++;
    }
    assert.ok(refused >= broken.length, `refused ${refused}`);
  });
});
