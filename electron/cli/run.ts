// Wraps a command action: builds nothing itself, only turns failures into the CLI's exit codes.

import type { CliContext } from './context.ts';

export type Action = (ctx: CliContext, ...args: never[]) => Promise<void>;
export type Run = (action: Action) => (...args: unknown[]) => Promise<void>;
