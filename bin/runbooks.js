#!/usr/bin/env node
// The `runbooks` command: the CLI is bundled to dist/cli.js by `npm run build`.
require('../dist/cli.js').cli();
