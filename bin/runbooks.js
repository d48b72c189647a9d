#!/usr/bin/env node
// The `runbooks` command: the CLI is bundled to dist/cli.js by `npm run build`, and started with its V8 code cache
// (dist/cached-load.js, from bin/cached-load.js).
const path = require('node:path');
require('../dist/cached-load.js').load(path.join(__dirname, '..', 'dist', 'cli.js')).cli();
