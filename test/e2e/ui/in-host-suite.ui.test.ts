// Runs the mocha suite bundled from test/e2e/suite/ inside the extension host of a real VS Code (code-server), twice:
// in a trusted workspace (Workspace Trust off), then the tests named "untrusted" with Workspace Trust on and the
// folder not trusted. Each run gets its own scratch copy of samples/.
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { runInHostSuite } from '../harness/hostSuite';
import { IN_HOST_SUITE } from '../harness/paths';
import { sharedBrowser, sharedCodeServer } from '../harness/session';
import { scratchWorkspace } from '../harness/workspace';

/** In-host tests whose title matches this run in the untrusted pass (name your describe "... untrusted ..."). */
const UNTRUSTED_GREP = 'untrusted|restricted mode';

describe('in-host suite (mocha inside the VS Code extension host)', function () {
  this.timeout(600_000);

  before(function () {
    assert.ok(existsSync(IN_HOST_SUITE), `${IN_HOST_SUITE} is missing: run npm run build`);
  });

  it('passes in a trusted workspace (a copy of samples/)', async () => {
    const result = await runInHostSuite(await sharedBrowser(), await sharedCodeServer(), { folder: scratchWorkspace() });
    assert.ok(result.passing > 0, 'the in-host suite ran no test');
    assert.equal(result.failing, 0, `${result.failing} in-host test(s) failed (see [host] lines above)`);
    assert.equal(result.exitCode, 0, 'the workbench reported a failed test run');
  });

  it('passes its "untrusted" tests with Workspace Trust on and the folder untrusted', async () => {
    const server = await sharedCodeServer({ workspaceTrust: true });
    const result = await runInHostSuite(await sharedBrowser(), server, { folder: scratchWorkspace(), grep: UNTRUSTED_GREP });
    assert.ok(result.passing > 0, 'no in-host test ran in the untrusted pass');
    assert.equal(result.failing, 0, `${result.failing} in-host test(s) failed (see [host] lines above)`);
    assert.equal(result.exitCode, 0, 'the workbench reported a failed test run');
  });
});
