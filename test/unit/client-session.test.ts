// The client's state lives in the extension session made in activate() (client/src/extensionSession.ts), not in its
// modules: disposing the context's subscriptions stops the language server and unregisters the session's command, and
// a second activation in the same process starts from nothing (module-level caches would hand it the first one's
// severity levels and typed values). Real client code, a fake `vscode`, a stand-in language server.
import { strict as assert } from 'node:assert';
import * as os from 'node:os';
import type * as vscode from 'vscode';
import type { ExtensionSession } from '../../client/src/extensionSession';
import { installFakeVscode, type FakeVscodeState } from '../helpers/fakeVscode';

/** A language server stand-in that answers `runbooks/severityLevels` with its own levels and records stops. */
class FakeLanguageServer {
  static levels: string[] = [];
  static made: FakeLanguageServer[] = [];
  stopped = false;
  readonly levels = [...FakeLanguageServer.levels];
  private readonly running = { isRunning: () => !this.stopped, sendRequest: async () => this.levels.map((name) => ({ name, label: name })) };
  constructor() {
    FakeLanguageServer.made.push(this);
  }
  client() {
    return this.stopped ? undefined : this.running;
  }
  async whenReady() {
    return this.client();
  }
  dispose(): void {
    this.stopped = true;
  }
}

describe('the extension session (client state per activation)', () => {
  let state: FakeVscodeState;
  let uninstall: () => void;
  let Session: new (context: vscode.ExtensionContext) => ExtensionSession;

  before(async () => {
    ({ state, uninstall } = installFakeVscode({ folder: os.tmpdir() }, { 'client/src/languageClient.ts': { LanguageServer: FakeLanguageServer } }));
    ({ ExtensionSession: Session } = await import('../../client/src/extensionSession'));
  });
  after(() => uninstall());

  /** activate()'s part: a context and the session made for it. */
  function activate(levels: string[]): { session: ExtensionSession; deactivate(): void } {
    FakeLanguageServer.levels = levels;
    const context = { subscriptions: [] as { dispose(): unknown }[] } as unknown as vscode.ExtensionContext;
    const session = new Session(context);
    // What VS Code does on deactivation: dispose every subscription of the context.
    return { session, deactivate: () => context.subscriptions.forEach((subscription) => subscription.dispose()) };
  }

  it('is disposed with the context: the server stops and the history command is gone', () => {
    const { deactivate } = activate(['SEV1']);
    const server = FakeLanguageServer.made.at(-1);
    assert.ok(state.registered.has('runbooks.showIncidentHistory'));
    deactivate();
    assert.equal(server?.stopped, true);
    assert.equal(state.registered.has('runbooks.showIncidentHistory'), false);
  });

  it('a second activation keeps nothing of the first: its own severity levels and no remembered values', async () => {
    const first = activate(['P1', 'P2']);
    assert.deepEqual((await first.session.severityLevels.levelsFor('/w/incidents/a.timeline.jsonl')).map((l) => l.name), ['P1', 'P2']);
    first.session.placeholders.set('/w/incidents/a.timeline.jsonl', new Map([['namespace', 'payments']]));
    first.deactivate();

    const second = activate(['SEV1', 'SEV2', 'SEV3']);
    // The first session's answer was cached for 5 s: a module-level cache would return it here.
    assert.deepEqual((await second.session.severityLevels.levelsFor('/w/incidents/a.timeline.jsonl')).map((l) => l.name), ['SEV1', 'SEV2', 'SEV3']);
    assert.equal(second.session.placeholders.size, 0);
    assert.notEqual(second.session.runTerminals, first.session.runTerminals);
    second.deactivate();
  });
});
