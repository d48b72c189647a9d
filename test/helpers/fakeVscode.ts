/**
 * A fake `vscode` module for unit tests that load real client code (client/src/**), which imports 'vscode' and so
 * cannot load outside VS Code. `installFakeVscode` makes every later `require('vscode')` (tsx compiles the test and the
 * client files to CommonJS: the package has no "type": "module") return the fake, and any module the test names by
 * path return a stand-in (e.g. the language client, whose real library needs a running editor). Install it before the
 * client code is first loaded: import the client module dynamically after the call.
 */
import { Module as NodeModule } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

type ModuleInternals = {
  _load(request: string, parent: unknown, isMain: boolean): unknown;
  _resolveFilename(request: string, parent: unknown, isMain: boolean): string;
};

/** A dialog the code opened, as the person would see it. */
export interface Shown {
  kind: 'warning' | 'error' | 'information';
  message: string;
  /** The options object (`{ modal, detail }`) when one was passed. */
  options?: { modal?: boolean; detail?: string };
  buttons: string[];
}

export interface FakeVscodeState {
  trusted: boolean;
  /** `runbooks.*` settings, by name without the prefix. */
  settings: Record<string, unknown>;
  /** The workspace folder every document belongs to. */
  folder: string;
  shown: Shown[];
  /** The button the fake person chooses in each warning: undefined closes it (a no). */
  answerWarning: (shown: Shown) => string | undefined;
  /** Text written to the terminals the code created. */
  terminalOutput: string[];
  /** Commands the code registered and has not disposed, by id. */
  registered: Map<string, (...args: unknown[]) => unknown>;
}

class FakeEventEmitter<T> {
  private listeners: ((value: T) => void)[] = [];
  readonly event = (listener: (value: T) => void) => {
    this.listeners.push(listener);
    return { dispose: () => { this.listeners = this.listeners.filter((l) => l !== listener); } };
  };
  fire(value: T): void {
    for (const listener of this.listeners) listener(value);
  }
  dispose(): void {
    this.listeners = [];
  }
}

function fakeUri(fsPath: string) {
  return { fsPath, scheme: 'file', path: fsPath, toString: () => pathToFileURL(fsPath).toString() };
}

function fakeModule(state: FakeVscodeState) {
  const show = (kind: Shown['kind']) => async (message: string, ...rest: unknown[]): Promise<string | undefined> => {
    const options = rest.length > 0 && typeof rest[0] === 'object' && rest[0] !== null ? rest.shift() as Shown['options'] : undefined;
    const shown: Shown = { kind, message, buttons: rest.filter((b): b is string => typeof b === 'string'), ...(options ? { options } : {}) };
    state.shown.push(shown);
    return kind === 'warning' ? state.answerWarning(shown) : undefined;
  };
  return {
    EventEmitter: FakeEventEmitter,
    Uri: {
      parse: (value: string) => fakeUri(fileURLToPath(value)),
      file: (fsPath: string) => fakeUri(fsPath),
    },
    workspace: {
      get isTrusted() { return state.trusted; },
      openTextDocument: async (uri: { fsPath: string }) => ({ uri: fakeUri(uri.fsPath) }),
      getWorkspaceFolder: () => ({ uri: fakeUri(state.folder), name: path.basename(state.folder), index: 0 }),
      getConfiguration: () => ({ get: <T>(key: string, fallback?: T): T | undefined => (key in state.settings ? state.settings[key] as T : fallback) }),
    },
    window: {
      showWarningMessage: show('warning'),
      showErrorMessage: show('error'),
      showInformationMessage: show('information'),
      showInputBox: async () => undefined,
      createTerminal: (options: { name: string; pty: { open(): void; onDidWrite(listener: (text: string) => void): unknown } }) => {
        options.pty.onDidWrite((text) => state.terminalOutput.push(text));
        options.pty.open();
        return { name: options.name, exitStatus: undefined, show: () => undefined, dispose: () => undefined };
      },
      onDidCloseTerminal: () => ({ dispose: () => undefined }),
    },
    commands: {
      executeCommand: async () => undefined,
      registerCommand: (id: string, run: (...args: unknown[]) => unknown) => {
        if (state.registered.has(id)) throw new Error(`command '${id}' already exists`);
        state.registered.set(id, run);
        return { dispose: () => void state.registered.delete(id) };
      },
    },
  };
}

/**
 * Serves the fake for 'vscode' and `stubs[absolute path of a module]` for those modules, until the returned function
 * is called. Returns the state the test reads and sets.
 */
export function installFakeVscode(initial: Partial<FakeVscodeState> & { folder: string }, stubs: Record<string, unknown> = {}) {
  const state: FakeVscodeState = { trusted: true, settings: {}, shown: [], answerWarning: () => undefined, terminalOutput: [], registered: new Map(), ...initial };
  const Module = NodeModule as unknown as ModuleInternals;
  const original = Module._load;
  const vscode = fakeModule(state);
  const stubbed = new Map(Object.entries(stubs).map(([file, exports]) => [path.resolve(file), exports]));
  Module._load = function load(request, parent, isMain) {
    if (request === 'vscode') return vscode;
    if (request.startsWith('.') && stubbed.size > 0) {
      const file = Module._resolveFilename(request, parent, isMain);
      if (stubbed.has(file)) return stubbed.get(file);
    }
    return original.call(this, request, parent, isMain);
  };
  const loadedBefore = new Set(Object.keys(require.cache));
  // Client modules loaded under this fake hold it (and the stubs): forgotten at uninstall, so a later test's fake
  // loads them afresh instead of sharing this one's.
  const clientSources = path.resolve(__dirname, '..', '..', 'client', 'src') + path.sep;
  const uninstall = (): void => {
    Module._load = original;
    for (const file of Object.keys(require.cache)) if (file.startsWith(clientSources) && !loadedBefore.has(file)) delete require.cache[file];
  };
  return { state, uninstall };
}
