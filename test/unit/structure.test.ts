import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintRunbook, type Finding } from '../../server/src/engine/index';
import { applyEdits, at } from '../helpers/text';

const TODAY = '2026-11-26';
const COMPLETE = readFileSync(join(__dirname, '..', '..', 'samples', 'complete.md'), 'utf8');
const lines = COMPLETE.split('\n');
/** 0-based line of the first line equal to `text` at or after `from`. */
const lineOf = (text: string, from = 0, within = lines): number => within.findIndex((l, i) => i >= from && l === text);

/** The sample with line `n` (0-based) removed, or replaced. */
function without(n: number, replacement?: string): string {
  const copy = [...lines];
  if (replacement === undefined) copy.splice(n, 1);
  else copy[n] = replacement;
  return copy.join('\n');
}

async function findings(text: string, prefix = ''): Promise<Finding[]> {
  return (await lintRunbook(text, { today: TODAY })).findings.filter((f) => f.code.startsWith(prefix));
}

describe('structure: content hidden by a block that never closes', () => {
  it('a code block left open at the end swallows the headings after it: the finding names them, the fix closes it, the sections come back', async () => {
    const failOver = lineOf('```bash', lineOf('### Fail over to the secondary payments provider'));
    const text = without(failOver + 2);
    const textLines = text.split('\n');
    const escalation = lineOf('## Escalation', 0, textLines);
    const [finding] = await findings(text, 'structure');
    assert.equal(finding.code, 'structure/unclosed-fence');
    assert.equal(finding.severity, 'error');
    assert.equal(at(finding.range), `${failOver}:0-${failOver}:7`);
    assert.equal(finding.message, `This code block is never closed: the heading after it, "## Escalation" at line ${escalation + 1}, is read as code.`);
    // The section check says why Escalation is missing.
    const missing = (await findings(text, 'schema/missing-section')).map((f) => f.message);
    assert.deepEqual(missing, [`Missing section "Escalation": say who to escalate to and when. Its heading "## Escalation" at line ${escalation + 1} is inside the code block opened at line ${failOver + 1}, which is never closed (structure/unclosed-fence).`]);
    // The fix closes it after the command, before the "Expected:" line that was meant as prose.
    assert.equal(finding.fix?.title, `Close the code block before line ${failOver + 4}`);
    const fixed = applyEdits(text, finding.fix?.edits ?? []);
    assert.equal(fixed, COMPLETE);
  });

  it('a block left open before another block runs on to that block\'s closing fence, hiding the heading between', async () => {
    const rollBack = lineOf('```bash', lineOf('### Roll back the last deploy'));
    const text = without(rollBack + 2);
    const heading = lineOf('### Fail over to the secondary payments provider', 0, text.split('\n'));
    const [finding] = await findings(text, 'structure');
    assert.equal(at(finding.range), `${rollBack}:0-${rollBack}:7`);
    assert.equal(finding.message, `This code block is never closed: the heading after it, "### Fail over to the secondary payments provider" at line ${heading + 1}, is read as code, up to the fence at line ${heading + 5} that was meant for another block.`);
    assert.equal(applyEdits(text, finding.fix?.edits ?? []), COMPLETE);
  });

  it('a closing fence written at the end of the command line: the fix puts it on its own line', async () => {
    const rollBack = lineOf('```bash', lineOf('### Roll back the last deploy'));
    const copy = [...lines];
    copy[rollBack + 1] += '```';
    copy.splice(rollBack + 2, 1);
    const text = copy.join('\n');
    const [finding] = await findings(text, 'structure');
    assert.match(finding.message, new RegExp(`^This code block is never closed \\(its closing fence at the end of line ${rollBack + 2} is not on a line of its own\\): the heading after it, "### Fail over`));
    assert.equal(finding.fix?.title, `Put the closing fence of line ${rollBack + 2} on a line of its own`);
    assert.equal(applyEdits(text, finding.fix?.edits ?? []), COMPLETE);
  });

  it('a fence of the wrong length does not close the block: the text after it is reported and the fix repairs that line', async () => {
    const failOver = lineOf('```bash', lineOf('### Fail over to the secondary payments provider'));
    const text = without(failOver + 2, '``');
    const [finding] = await findings(text, 'structure');
    assert.equal(finding.message, `This code block is never closed (line ${failOver + 3}, "\`\`", does not close it): the heading after it, "## Escalation" at line ${lineOf('## Escalation') + 1}, is read as code.`);
    assert.deepEqual(finding.fix?.edits.map((e) => [at(e.range), e.newText]), [[`${failOver + 2}:0-${failOver + 2}:2`, '```']]);
    assert.equal(applyEdits(text, finding.fix?.edits ?? []), COMPLETE);
  });

  it('a block that runs to the end of its list item or of the document with only code in it is not reported', async () => {
    const diag = lineOf('   ```bash');
    assert.deepEqual(await findings(without(diag + 2), 'structure'), []);
    assert.deepEqual(await findings(`${COMPLETE}\n\`\`\`bash\nkubectl get pods\n`, 'structure'), []);
    // Scripts with "## comments" and Markdown templates in closed blocks are code as written.
    assert.deepEqual(await findings(`${COMPLETE}\n\`\`\`bash\n### Restore the settings\n\n## Mitigation\nkubectl apply -f x\n\`\`\`\n`, 'structure'), []);
  });

  it('an HTML comment never closed hides every heading after it; the fix closes it on its own line', async () => {
    const mitigation = lineOf('## Mitigation');
    const copy = [...lines];
    copy.splice(mitigation - 1, 0, '<!-- reviewers: check the numbers below');
    const text = copy.join('\n');
    const [finding] = await findings(text, 'structure');
    assert.equal(finding.code, 'structure/unclosed-comment');
    assert.equal(at(finding.range), `${mitigation - 1}:0-${mitigation - 1}:39`);
    assert.equal(finding.message, `This HTML comment is never closed (no \`-->\`): the 4 headings after it, "## Mitigation" at line ${mitigation + 2} among them, are hidden in it.`);
    const fixed = applyEdits(text, finding.fix?.edits ?? []);
    assert.deepEqual(await findings(fixed, 'structure'), []);
    assert.deepEqual((await findings(fixed, 'schema')).map((f) => f.code), []);
  });

  it('front matter never closed: its fields are named, the fix adds the --- line and the fields are read again', async () => {
    const close = lineOf('---', 1);
    const text = without(close);
    const structure = await findings(text, 'structure');
    assert.deepEqual(structure.map((f) => [f.code, at(f.range), f.message]), [[
      'structure/unclosed-front-matter', '0:0-0:3',
      'This front matter is never closed (no `---` line after it): its 8 lines (title, service, owner, alerts, ...) are read as Markdown, not as front matter, so none of its fields are seen.',
    ]]);
    assert.equal(applyEdits(text, structure[0].fix?.edits ?? []), COMPLETE);
  });

  it('the sample runbooks have no structure finding', async () => {
    assert.deepEqual(await findings(COMPLETE, 'structure'), []);
  });
});
