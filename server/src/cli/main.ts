/** The `runbooks` command line: `lint` for CI, and the step runner, timeline and postmortem faces of the engine. */
import { coverageCommand } from './coverage';
import type { CliIO } from './io';
import { drillCommand } from './drill';
import { historyCommand } from './history';
import { incidentCommand } from './incident';
import { initCommand } from './init';
import { lintCommand } from './lint';
import { linksCommand } from './links';
import { runAnalysisWorkerIfAny } from '../engine/analysis/worker';
import { nodeHost } from '../engine/session/host';
import { createSession } from '../engine/session/session';
import { workerEntryOf } from '../engine/workerEntry';
import { runLintWorkerIfAny } from './lint-pool';
import { postmortemCommand } from './postmortem';
import { runCommand } from './run';
import { serveCommand } from './serve';
import { stepsCommand } from './steps';
import { timelineCommand } from './timeline';

const COMMANDS: Record<string, (argv: string[], io: CliIO) => Promise<number>> = {
  lint: lintCommand,
  init: initCommand,
  links: linksCommand,
  coverage: coverageCommand,
  steps: stepsCommand,
  run: runCommand,
  timeline: timelineCommand,
  postmortem: postmortemCommand,
  drill: drillCommand,
  history: historyCommand,
  incident: incidentCommand,
  serve: serveCommand,
};

const HELP = `runbooks <command> [options]

  lint [--format text|json|sarif] [--schema FILE] [--today YYYY-MM-DD] [--review-interval DAYS]
       [--stale-error-after DAYS] [--baseline FILE] [--write-baseline FILE] [--fix] [--timelines GLOB] [--jobs N]
       [--cache] [--cache-location PATH] [--verbose] <paths...>
                       validate runbooks (folders are searched for *.md) under the nearest .runbooks.yaml;
                       exit 1 on an error finding, 2 on a usage, config or I/O problem or a check that could not run
  init [folder] [--force] [--dry-run] [--today YYYY-MM-DD]
                       look at an existing collection and write a first .runbooks.yaml (never changes a runbook)
  links [--external] [--timeout SECONDS] [--concurrency N] [--format text|json] <paths...>
                       check the links of runbooks; --external also fetches outside URLs
  coverage [--rules GLOB]... [--runbook-url PATTERN]... [--annotation NAME] [--paging-severity S]...
           [--require-annotation] [--severity CODE=LEVEL]... [--format text|json|sarif] [--schema FILE]
           [--today YYYY-MM-DD] [runbook paths...]
                       join alert rules to runbooks; exit 1 when an alert of error severity has no runbook
  steps <runbook.md> [--format text|json] [--schema FILE]
                       list the runnable steps
  run <runbook.md> --step <position|id> --timeline <file> [--actor NAME] [--set name=value]... [--yes]
      [--timeout SECONDS] [--schema FILE]
                       run one step, logging it to an incident timeline
  timeline <file> [--format text|json]
                       print a timeline's events; bad lines are named on stderr
  postmortem <timeline-file> [-o FILE]
                       write a postmortem draft from a timeline
  drill <runbook.md> --timeline <file> [--severity NAME] [--actor NAME] [--timeout SECONDS] [--schema FILE]
        [--today YYYY-MM-DD]
                       rehearse a runbook on a terminal: run, rehearse, skip or flag each step; writes a drill report
  history [folders...] [--since YYYY-MM-DD] [--format text|json] [--now ISO-TIME]
                       incidents measured (MTTD, MTTM, MTTR) against the severity targets, per severity; drills apart
  incident declare|note|hypothesis|finding|decision|severity|role|status-update|detected|mitigated|resolved|follow
           <timeline> [text] [--at WHEN] [--actor NAME] (runbooks incident --help for each verb's options)
                       take part in an incident from a terminal: the panel's events, shared and posted as the config says;
                       follow prints events as they arrive as [HH:MM UTC] [actor] text
  serve [--listen HOST:PORT] [folder]
                       receive Alertmanager's webhook (POST /alertmanager): a firing alert opens an incident with its
                       runbook and, with receiver.snapshot: true, a snapshot of its read-only steps; never resolves one
`;

/** Runs one CLI invocation; resolves to the exit code. */
export async function main(argv: string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    (command ? io.stdout : io.stderr).write(HELP);
    return command ? 0 : 2;
  }
  const run = COMMANDS[command];
  if (!run) {
    io.stderr.write(`runbooks: unknown command "${command}"\n${HELP}`);
    return 2;
  }
  // One engine session per run: every command's analyses share its caches; the bundle's costly files go to its workers.
  const session = io.session ?? createSession(nodeHost({ cwd: io.cwd, ...(__filename.endsWith('.js') ? { workerScript: workerEntryOf(__filename) } : {}) }));
  try {
    return await run(rest, { ...io, session });
  } catch (e) {
    io.stderr.write(`runbooks ${command}: unexpected error: ${(e as Error).stack ?? String(e)}\n`);
    return 2;
  } finally {
    // A budget worker still waiting for work must not keep the process alive once the command is done.
    if (!io.session) session.dispose();
  }
}

/** The process entry (bin/runbooks.js): real streams, exit code set when done. */
export function cli(): void {
  // `runbooks lint | head` closes the pipe early: stop quietly, as other command-line tools do.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
  const io: CliIO = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, cwd: process.cwd(), isTTY: Boolean(process.stdin.isTTY && process.stdout.isTTY) };
  void main(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}

// The bundle is also the script of its worker threads: lint workers and the budgeted analysis worker.
if (!runLintWorkerIfAny() && !runAnalysisWorkerIfAny() && require.main === module) cli();
