/** The step runner: runs a step's commands as a process group and logs the run to the incident timeline. */
export { runCommands, defaultShell, type RunCommandsOptions, type RunResult, type OutputStream } from './run-commands';
export { OutputTail, outputExcerpt, stripAnsi, EXCERPT_LINES } from './output-tail';
export { describeRunResult, type RunOutcome } from './describe-result';
export {
  runStepLogged, workspaceRelativePath, MissingPlaceholderError, StepNotRecordedError,
  type RunStepLoggedOptions, type RunStepLoggedResult,
} from './run-step-logged';
export { mitigationAwaitingOutcome, type PendingChange } from './one-change-at-a-time';
