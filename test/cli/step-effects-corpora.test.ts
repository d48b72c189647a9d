// Default deny on real collections: with the config `runbooks init` writes for each shared corpus, every step of
// every page is decided by decideStep, and no step that changes production runs without a confirmation.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfigText } from '../../server/src/engine/config/index';
import { parseRunbook } from '../../server/src/engine/parse';
import { bundledRunbookSchema, schemaWithAliases } from '../../server/src/engine/schema';
import { commandEffects, decideStep } from '../../server/src/engine/steps/effect';
import { CORPORA, NO_CORPORA, markdownFiles } from '../helpers/corpora';
import { labelledCommands } from '../helpers/labelledCommands';
import { runCli } from './cliHarness';

describe('step effects on the shared corpora, under the config runbooks init writes', function () {
  this.timeout(180_000);
  const changes = new Set(labelledCommands().filter((r) => r.label === 'changes').map((r) => r.command));

  for (const corpus of ['openshift-runbooks', 'gitlab-runbooks']) {
    it(`${corpus}: every step that runs without asking is in a read-only section with read-only commands only`, async function () {
      if (!CORPORA) {
        console.log(`      skipped: ${NO_CORPORA}`);
        this.skip();
      }
      const dir = join(CORPORA as string, corpus);
      const run = await runCli(['init', '--dry-run', '--today', '2026-11-26'], dir);
      assert.equal(run.code, 0, run.stderr);
      const { config, problems } = parseConfigText(run.stdout.split('---\n').slice(-1)[0]);
      assert.deepEqual(problems, []);
      const schema = schemaWithAliases(bundledRunbookSchema(), config?.sections ?? {});
      const options = { commands: { readOnly: config?.commands?.readOnly ?? [], changes: config?.commands?.changes ?? [] } };
      let steps = 0;
      let runsAtOnce = 0;
      let asks = 0;
      const wrong: string[] = [];
      for (const file of markdownFiles(dir)) {
        for (const step of parseRunbook(readFileSync(file, 'utf8'), schema).steps) {
          steps++;
          const decision = decideStep(step, options);
          const where = `${file.slice(dir.length + 1)} ${step.id}`;
          if (decision.needsConfirmation) {
            asks++;
            continue;
          }
          runsAtOnce++;
          if (!step.sectionReadOnly || step.changesProduction) wrong.push(`${where}: runs at once outside a read-only section`);
          for (const c of commandEffects(step.commands, options)) if (c.effect !== 'read-only') wrong.push(`${where}: runs at once with ${c.effect} ${c.command}`);
          // A command labelled by hand as changing something never sits in a step that runs at once.
          for (const line of step.commands.split('\n')) if (changes.has(line.trim())) wrong.push(`${where}: runs at once with \`${line.trim()}\`, labelled changes`);
        }
      }
      assert.deepEqual(wrong, []);
      assert.ok(steps > 100 && asks > 0, `${steps} steps`);
      console.log(`      ${steps} steps: ${runsAtOnce} run at once (read-only diagnostics), ${asks} ask first`);
    });
  }
});
