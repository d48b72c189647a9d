import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { redactSecrets } from '../../server/src/engine/credentials/index';
import { describeRunResult, runStepLogged } from '../../server/src/engine/runner/index';
import {
  CUT_MARK, MAX_EXCERPT_LINE_CHARS, MAX_HELD_LINE_CHARS, OutputTail, outputExcerpt,
} from '../../server/src/engine/runner/output-tail';
import type { RunResult } from '../../server/src/engine/runner/run-commands';
import { readTimeline } from '../../server/src/engine/timeline/store';
import type { Step } from '../../server/src/engine/types';
import { ALNUM, BASE64URL, body } from './credentials-secrets';

/** A 164-character OpenAI project key and a 99-character Vault token: long enough to be cut by a line limit. */
const openAiKey = (): string => `sk-proj-${body(BASE64URL, 74)}T3BlbkFJ${body(BASE64URL, 74)}`;
const vaultToken = (): string => `hvs.${body(ALNUM, 95)}`;

/** Every 8-character piece of the secret that appears in the text (a fragment long enough to matter). */
function fragments(text: string, secret: string): string[] {
  const found: string[] = [];
  for (let i = 0; i + 8 <= secret.length; i += 4) if (text.includes(secret.slice(i, i + 8))) found.push(secret.slice(i, i + 8));
  return found;
}

const ws = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'runbooks-redaction-')));
let n = 0;
function step(commands: string): Step {
  const range = { start: { line: 0, character: 0 }, end: { line: 2, character: 3 } };
  return { id: 'diagnostics-1', position: 1, section: 'diagnostics', sectionTitle: 'Diagnostics', lang: 'bash', code: commands, commands, range, changesProduction: false, label: 'diagnostic step 1' };
}

describe('runner: redaction comes before every cut', function () {
  this.timeout(60_000);

  it('an excerpt line cut at 2,000 characters never keeps a piece of a token, at every offset around the cut', async () => {
    for (const secret of [openAiKey(), vaultToken()]) {
      for (let offset = MAX_EXCERPT_LINE_CHARS - secret.length - 2; offset <= MAX_EXCERPT_LINE_CHARS + 2; offset++) {
        const line = `${'a'.repeat(offset)} ${secret} done`;
        const excerpt = outputExcerpt(await redactSecrets(line));
        assert.deepEqual(fragments(excerpt, secret), [], `token at offset ${offset}`);
        assert.ok(excerpt.length <= MAX_EXCERPT_LINE_CHARS + CUT_MARK.length);
      }
    }
  });

  it('a line longer than the memory bound is cut at a word boundary, so the token it would split is dropped whole', async () => {
    const secret = openAiKey();
    for (let offset = MAX_HELD_LINE_CHARS - secret.length - 2; offset <= MAX_HELD_LINE_CHARS + 2; offset += 3) {
      const tail = new OutputTail();
      tail.push(`${'b'.repeat(offset)} ${secret} ${'c'.repeat(MAX_HELD_LINE_CHARS)}\nnext\n`);
      const held = tail.text();
      assert.ok(held.length <= MAX_HELD_LINE_CHARS + CUT_MARK.length + 5, `held ${held.length}`);
      // Whatever is held is either the whole token or none of it: redaction then leaves no piece behind.
      assert.deepEqual(fragments(await redactSecrets(held), secret), [], `token at offset ${offset}`);
    }
  });

  it('the command-started text keeps no piece of a long token on a long first line, and the events returned are those written', async () => {
    for (const secret of [openAiKey(), vaultToken()]) {
      // The token straddles character 117 of the first line, where the old text was cut before redaction.
      const command = `curl -s -H "Authorization: Bearer ${secret}" https://api.internal/v1/${'x'.repeat(120)}\necho done`;
      const timeline = path.join(ws, `t${++n}.timeline.jsonl`);
      const { started, finished } = await runStepLogged({
        timeline, runbook: 'runbooks/api.md', step: step(command), actor: 'dana', cwd: ws, shell: 'bash', host: 'h',
      });
      const raw = readFileSync(timeline, 'utf8');
      assert.deepEqual(fragments(raw, secret), [], raw);
      assert.deepEqual(readTimeline(raw).events, [started, finished]);
    }
  });

  it('a secret printed across the 2,000-character cut of the output is redacted, not cut', async () => {
    const secret = vaultToken();
    const timeline = path.join(ws, `t${++n}.timeline.jsonl`);
    // The step prints the token from a file, so the command holds no piece of it.
    const file = path.join(ws, `line${n}.txt`);
    writeFileSync(file, `${'a'.repeat(MAX_EXCERPT_LINE_CHARS - 50)} ${secret} tail\n`);
    await runStepLogged({
      timeline, runbook: 'runbooks/api.md', step: step(`cat ${file}`), actor: 'dana', cwd: ws, shell: 'bash', host: 'h',
    });
    const raw = readFileSync(timeline, 'utf8');
    assert.deepEqual(fragments(raw, secret), [], raw.slice(-400));
    assert.match(readTimeline(raw).events[1].output ?? '', /^a+ \[REDACTED\] tail$/);
  });

  it('a private key whose header scrolled out of the window is still redacted in the excerpt', async () => {
    const keyLines = Array.from({ length: 160 }, () => body(ALNUM + '+/', 64));
    const output = ['-----BEGIN RSA PRIVATE KEY-----', ...keyLines, '-----END RSA PRIVATE KEY-----', 'ok'].join('\n');
    const tail = new OutputTail();
    tail.push(`${output}\n`);
    const excerpt = outputExcerpt(await redactSecrets(tail.text()));
    for (const line of keyLines) assert.ok(!excerpt.includes(line), 'a key line survived');
    assert.match(excerpt, /\[REDACTED\]\nok$/);
  });
});

describe('runner: one wording of a run result', () => {
  const base: RunResult = { exitCode: 0, signal: null, durationMs: 1234, output: '', cancelled: false, timedOut: false };
  it('says how the run ended, the same for the timeline, the CLI and the editor', () => {
    assert.equal(describeRunResult(base), 'exited 0 in 1.2s');
    assert.equal(describeRunResult({ ...base, exitCode: 3 }), 'exited 3 in 1.2s');
    assert.equal(describeRunResult({ ...base, exitCode: null, timedOut: true, durationMs: 2210 }, 2000), 'timed out after 2s (killed)');
    assert.equal(describeRunResult({ ...base, exitCode: null, cancelled: true }), 'cancelled after 1.2s');
    assert.equal(describeRunResult({ ...base, exitCode: null, error: 'could not start /x: ENOENT' }), 'could not start: could not start /x: ENOENT');
    assert.equal(describeRunResult({ ...base, exitCode: null, signal: 'SIGKILL' }), 'ended by SIGKILL after 1.2s (exit code unknown)');
  });
});
