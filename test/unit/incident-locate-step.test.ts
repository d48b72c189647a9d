import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseRunbook } from '../../server/src/engine/index';
import { locateStep as locateInSteps } from '../../server/src/lsp/steps';

/** The server's answer to `runbooks/locateStep` for a runbook's text. */
const locateStep = (text: string, step: string, command: string) => locateInSteps(parseRunbook(text).steps, text, step, command) ?? undefined;

const RUNBOOK = readFileSync(path.resolve(__dirname, '../../samples/complete.md'), 'utf8');
const lineOf = (text: string): number => RUNBOOK.split('\n').findIndex((line) => line.includes(text));

describe('locating the step a timeline command came from', () => {
  it('finds the step by its id (the fenced block, fence line first)', () => {
    const range = locateStep(RUNBOOK, 'mitigations-1', 'anything');
    assert.equal(range?.start.line, lineOf('kubectl -n checkout rollout undo deployment/checkout-api') - 1);
  });

  it('falls back to the command text when the id is gone (sections renamed or steps reordered)', () => {
    const range = locateStep(RUNBOOK, 'no-such-step', 'kubectl -n checkout set env deployment/checkout-api PAYMENTS_PROVIDER=secondary');
    assert.equal(range?.start.line, lineOf('PAYMENTS_PROVIDER=secondary') - 1);
  });

  it('prefers the step holding the command when the id now names another step', () => {
    const range = locateStep(RUNBOOK, 'mitigations-1', 'kubectl -n checkout set env deployment/checkout-api PAYMENTS_PROVIDER=secondary');
    assert.equal(range?.start.line, lineOf('PAYMENTS_PROVIDER=secondary') - 1);
  });

  it('falls back to plain text search, then gives up', () => {
    const prose = locateStep(RUNBOOK, 'x', 'Escalate to the @payments-oncall secondary');
    assert.deepEqual(prose?.start, { line: lineOf('Escalate to the @payments-oncall'), character: 0 });
    assert.equal(locateStep(RUNBOOK, 'x', 'rm -rf /nothing-like-this'), undefined);
    assert.equal(locateStep('not a runbook at all', 'x', ''), undefined);
  });
});
