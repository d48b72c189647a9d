/** A worker script for hosts that run the server from sources (tests under tsx): only the analysis worker. */
import { runAnalysisWorkerIfAny } from './worker';

runAnalysisWorkerIfAny();
