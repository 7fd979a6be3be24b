// The emulated device console: parse a line in either product's syntax, run it, print the answer.

export {
  type ConsoleOptions,
  type ConsoleResult,
  executeCommand,
  runCommand,
} from './execute-command.ts';
export { type ConsoleCommand, type ShowTopic, parseCommand } from './parse-command.ts';
export { showLicense, xstatusLicense, deviceUdi } from './show-license.ts';
export * from './messages.ts';
