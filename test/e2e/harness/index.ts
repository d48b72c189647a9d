// The end-to-end harness in one import: install and start code-server, drive the workbench, run in-host suites.
export { CODE_SERVER_VERSION, codeServerCacheDir, ensureCodeServer, isCodeServerInstalled } from './install';
export { startCodeServer, workbenchUrl, freePort, delay, QUIET_SETTINGS, type CodeServer, type CodeServerOptions } from './codeServer';
export { launchBrowser, openWorkbench, closeWorkbench, focusWorkbench, openFile, runCommand, screenshot, chromiumPath } from './workbench';
export { runInHostSuite, type HostSuiteOptions, type HostSuiteResult } from './hostSuite';
export { scratchWorkspace, removeScratchWorkspaces } from './workspace';
export { sharedCodeServer, sharedBrowser, closeSharedSession, startedServers } from './session';
export { recentExtensionLogs } from './logs';
export { missingPrerequisites, APT_PACKAGES } from './prerequisites';
export { REPO_ROOT, RESULTS_DIR, SAMPLES_DIR, IN_HOST_SUITE } from './paths';
