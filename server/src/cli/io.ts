import type { EngineSession } from '../engine/session/session';
/** What a CLI subcommand may touch: its streams, the working directory and whether a person is at the terminal. */
export interface CliIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  cwd: string;
  isTTY: boolean;
  /** The run's engine session (main() makes one over the real machine when the caller gives none). */
  session?: EngineSession;
}
