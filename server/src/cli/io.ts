/** What a CLI subcommand may touch: its streams, the working directory and whether a person is at the terminal. */
export interface CliIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  cwd: string;
  isTTY: boolean;
}
