/** The language server process: the server over the transport the client chose (IPC from VS Code, or --stdio). */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { runAnalysisWorkerIfAny } from '../engine/analysis/worker';
import { startServer, systemHost } from './server';
import { workerEntryOf } from '../engine/workerEntry';

// The bundle is also the analysis workers' script: a worker serves jobs, the main thread serves the protocol.
if (!runAnalysisWorkerIfAny()) startServer(createConnection(ProposedFeatures.all), { ...systemHost, analysisWorkerScript: workerEntryOf(__filename) });
