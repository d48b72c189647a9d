// Test helpers for the steps/run/timeline commands: a fake CliIO, a temporary workspace with a runbook, and the built CLI.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import type { CliIO } from '../../server/src/cli/io';

export interface FakeIO extends CliIO {
  out(): string;
  err(): string;
}

/** A CliIO whose output is collected; `input` lines are what a person would type. */
export function fakeIO(cwd: string, options: { isTTY?: boolean; input?: string[] } = {}): FakeIO {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const stdin = Readable.from((options.input ?? []).map((line) => `${line}\n`));
  return { stdout, stderr, stdin, cwd, isTTY: options.isTTY ?? false, out: () => out, err: () => err };
}

export const GITHUB_TOKEN = 'ghp_' + 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8';

/** A runbook with a diagnostic step, a placeholder step, a step that prints a secret, a slow step, and a mitigation. */
export const RUNBOOK = `---
title: Test service down
service: test
owner: team-test
alerts: [TestDown]
last_reviewed: 2026-11-01
---

# Test service down

## Meaning

The test service is down.

## Common causes

- A bad deploy.

## Diagnostics

1. Say hello:

   \`\`\`bash
   echo "hello from $(basename "$PWD")"
   \`\`\`

2. Look at a namespace:

   \`\`\`console
   $ echo "namespace={{namespace}} password={{db_password}}"
   namespace=prod
   \`\`\`

3. Print a leaked token and fail:

   \`\`\`sh
   echo "token=${GITHUB_TOKEN}"
   exit 3
   \`\`\`

4. Wait for the rollout:

   \`\`\`bash
   echo waiting; sleep 30; echo done
   \`\`\`

## Mitigation

### Option 1: restart

\`\`\`bash
echo restarted > restarted.txt
\`\`\`

Expected: the service answers again.

## Escalation

Page @test-oncall after 15 minutes.
`;

/** A fresh workspace folder containing runbooks/test.md. */
export function workspace(): string {
  const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'runbooks-cli-')));
  const runbooks = path.join(dir, 'runbooks');
  mkdirSync(runbooks);
  writeFileSync(path.join(runbooks, 'test.md'), RUNBOOK);
  return dir;
}

export const CLI = path.resolve(__dirname, '..', '..', 'bin', 'runbooks.js');

/** True when the built CLI exists (npm run build has run). */
export function builtCliAvailable(): boolean {
  return existsSync(CLI) && existsSync(path.resolve(__dirname, '..', '..', 'dist', 'cli.js'));
}

/** Runs the built CLI; resolves with its exit code and output. */
export function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
