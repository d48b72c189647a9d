'use strict';
// Loads one of the bundles of dist/ (cli.js, server.js) with a V8 code cache, so a start does not compile the
// whole bundle again: node 20 has no module.enableCompileCache (node 22.1 does), so this does what it does, for one
// file. `npm run build` copies this file to dist/ and writes `<bundle>.cached.js` entries that call it; the bundles
// start their worker threads through those entries, so workers get the cache too.
//
// The cache lives in dist/.v8-cache/, one file per bundle, named after the bundle's size and modification time and the
// node version: a rebuilt bundle or another node gets a new name, and V8 itself refuses data made by another V8 or
// with other flags (then the bundle is compiled as usual and the cache is written again). Only a main thread writes,
// once, when the process exits or 20 s after its start (the data then covers the functions compiled so far), to a temporary file renamed
// into place, so a reader never sees half a file. Any failure here falls back to a plain require.
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');
const { isMainThread } = require('node:worker_threads');

/** Loads `bundle` (an absolute path) as a CommonJS module; returns its exports. */
function load(bundle) {
  const started = performance.now();
  let source;
  let stat;
  try {
    source = fs.readFileSync(bundle, 'utf8');
    stat = fs.statSync(bundle);
  } catch {
    return require(bundle);
  }
  const cacheDir = path.join(path.dirname(bundle), '.v8-cache');
  const cacheFile = path.join(cacheDir, `${path.basename(bundle)}-${stat.size}-${Math.round(stat.mtimeMs)}-${process.version}-${process.arch}.bin`);
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  let script;
  try {
    script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData, importModuleDynamically: undefined });
  } catch {
    return require(bundle);
  }
  const fresh = cachedData === undefined || script.cachedDataRejected === true;
  const mod = new Module(bundle, module);
  // When the load began (the extension logs its activation time from it).
  mod.runbooksLoadStartedAt = started;
  mod.filename = bundle;
  mod.paths = Module._nodeModulePaths(path.dirname(bundle));
  // The bundle is then the module of that path: a later require() of it gets this instance, not a second copy.
  Module._cache[bundle] = mod;
  const requireFn = (id) => mod.require(id);
  requireFn.resolve = (request, options) => Module._resolveFilename(request, mod, false, options);
  requireFn.main = process.mainModule;
  requireFn.cache = Module._cache;
  if (fresh && isMainThread) {
    let written = false;
    const write = () => {
      if (written) return;
      written = true;
      try {
        const data = script.createCachedData();
        fs.mkdirSync(cacheDir, { recursive: true });
        for (const old of fs.readdirSync(cacheDir)) {
          if (old.startsWith(`${path.basename(bundle)}-`) && old.endsWith('.bin')) fs.rmSync(path.join(cacheDir, old), { force: true });
        }
        const temp = `${cacheFile}.${process.pid}.tmp`;
        fs.writeFileSync(temp, data);
        fs.renameSync(temp, cacheFile);
      } catch {
        // A read-only install runs without a cache.
      }
    };
    // A command-line run writes it as it exits; a long-lived process (the language server, the extension host) a
    // little after its start, when the functions of its start-up have been compiled, and does not wait to exit.
    process.once('exit', write);
    setTimeout(write, 20_000).unref();
  }
  const wrapper = script.runInThisContext({ displayErrors: true });
  wrapper.call(mod.exports, mod.exports, requireFn, mod, bundle, path.dirname(bundle));
  mod.loaded = true;
  return mod.exports;
}

module.exports = { load };
