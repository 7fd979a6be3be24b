// Runs an OS tool without a shell and with a time limit, and says in a stable code why it failed.

import { execFile } from 'node:child_process';
import type { DriveProblem } from './drive.ts';

/** Runs `file args…` and resolves with its stdout; rejects with Node's execFile error shape. */
export type ExecFn = (
  file: string,
  args: readonly string[],
  options: { timeoutMs: number },
) => Promise<string>;

export type ToolResult =
  { ok: true; stdout: string } | { ok: false; problem: DriveProblem; stderr: string };

export const execFileTool: ExecFn = (file, args, { timeoutMs }) =>
  new Promise((resolve, reject) => {
    execFile(
      file,
      [...args],
      { timeout: timeoutMs, maxBuffer: 8 * 1024 * 1024, windowsHide: true, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error) reject(Object.assign(error, { stderr }));
        else resolve(stdout);
      },
    );
  });

function field(error: unknown, name: string): unknown {
  return typeof error === 'object' && error !== null
    ? (error as Record<string, unknown>)[name]
    : undefined;
}

/** Never rejects: a missing, hung or failing tool becomes a problem the UI can explain. */
export async function runTool(
  exec: ExecFn,
  tool: string,
  file: string,
  args: readonly string[],
  timeoutMs: number,
): Promise<ToolResult> {
  try {
    return { ok: true, stdout: await exec(file, args, { timeoutMs }) };
  } catch (error) {
    const stderr = String(field(error, 'stderr') ?? '');
    const code = field(error, 'code');
    if (code === 'ENOENT') {
      return { ok: false, stderr, problem: { code: 'DRIVE_TOOL_MISSING', facts: { tool } } };
    }
    if (field(error, 'killed') === true || code === 'ETIMEDOUT') {
      return {
        ok: false,
        stderr,
        problem: { code: 'DRIVE_TOOL_TIMEOUT', facts: { tool, timeoutMs } },
      };
    }
    const detail = stderr.trim().split(/\r?\n/, 1)[0]?.slice(0, 200) || undefined;
    const facts = { tool, exitCode: typeof code === 'number' ? code : undefined, detail };
    return { ok: false, stderr, problem: { code: 'DRIVE_TOOL_FAILED', facts } };
  }
}
