// Entry of the mocha suite that runs inside the VS Code extension host (bundled to dist/test/e2e/suite/index.js).
// Add one import line per suite file; mochaSetup must stay first.
import './mochaSetup';
import './diagnostics.e2e';
import './schemaCompletion.e2e';
import './run.e2e';
import './quickfixes.e2e';
import './incident.e2e';

export { run } from './mochaSetup';
