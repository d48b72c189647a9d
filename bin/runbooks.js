#!/usr/bin/env node
// The `runbooks` command: the CLI is bundled to dist/cli.js by `npm run build`, and started with its V8 code cache
// (dist/cached-load.js, from bin/cached-load.js). With RUNBOOKS_TIMING=1 the run ends with where its time went
// (server/src/cli/timing.ts): these two marks are the process's start-up before our first line, and the bundle's load.
const timing = process.env.RUNBOOKS_TIMING === '1';
if (timing) performance.mark('runbooks:node start-up', { detail: process.cpuUsage() });
const path = require('node:path');
const cli = require('../dist/cached-load.js').load(path.join(__dirname, '..', 'dist', 'cli.js'));
if (timing) performance.mark('runbooks:bundle load', { detail: process.cpuUsage() });
cli.cli();
