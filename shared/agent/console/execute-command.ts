// Runs one console line against an emulated device and returns what the device prints, plus the
// codes it printed so the caller can carry them across the gap without scraping the text.

import type { ErrorFacts } from '../../errors.ts';
import { isDomainError } from '../../errors.ts';
import type { ProductAgent } from '../device.ts';
import type { Product } from '../device-state.ts';
import {
  HELP,
  HELP_HINT,
  INSTALL_FILE_UNAVAILABLE,
  PRINTED,
  REQUEST_CODE_INTRO,
  RETURN_CODE_INTRO,
  confirmationLine,
  refusalLine,
  stoppedAtRestartLine,
  usageLine,
} from './messages.ts';
import { type ConsoleCommand, parseCommand } from './parse-command.ts';
import { showLicense, xstatusLicense } from './show-license.ts';

export interface ConsoleResult {
  ok: boolean;
  output: string;
  /** A refusal's code and facts, so an interface can explain it beside the device's own words. */
  error?: { code: string; facts: ErrorFacts };
  requestCode?: string;
  confirmationCode?: string;
  returnCode?: string;
}

export interface ConsoleOptions {
  /** Whose voice the console speaks in; the device's own product by default. */
  product?: Product;
}

function ok(...lines: string[]): ConsoleResult {
  return { ok: true, output: lines.join('\n') };
}

/** Runs a parsed command; a refusal throws its DomainError (the wizards want the code and facts). */
export function runCommand(
  agent: ProductAgent,
  command: ConsoleCommand,
  product: Product,
): ConsoleResult {
  switch (command.kind) {
    case 'empty':
      return ok();
    case 'help':
      return ok(HELP);
    case 'invalid': {
      const lines = [PRINTED.unknownCommand[product]];
      lines.push(command.usage ? usageLine(command.usage) : HELP_HINT);
      return { ok: false, output: lines.join('\n') };
    }
    case 'enable':
      return ok((agent.enable().changed ? PRINTED.enabled : PRINTED.alreadyEnabled)[product]);
    case 'disable':
      return ok((agent.disable().changed ? PRINTED.disabled : PRINTED.alreadyDisabled)[product]);
    case 'request': {
      const { requestCode } = agent.request();
      return { ...ok(REQUEST_CODE_INTRO, requestCode), requestCode };
    }
    case 'cancel':
      agent.cancel();
      return ok(PRINTED.cancelled[product]);
    case 'install': {
      const result = agent.install(command.code);
      if (result.confirmationCode === undefined) return ok(PRINTED.installed[product]);
      const { confirmationCode } = result;
      return {
        ...ok(PRINTED.installed[product], confirmationLine(confirmationCode)),
        confirmationCode,
      };
    }
    case 'install-file':
      return {
        ok: false,
        output: INSTALL_FILE_UNAVAILABLE,
        error: { code: 'COMMAND_NOT_AVAILABLE', facts: { command: 'install-file' } },
      };
    case 'return': {
      const { returnCode } = agent.returnReservation();
      return { ...ok(RETURN_CODE_INTRO, returnCode), returnCode };
    }
    case 'return-authorization': {
      const { returnCode } = agent.returnAuthorization(command.code);
      return { ...ok(RETURN_CODE_INTRO, returnCode), returnCode };
    }
    case 'show':
      return ok(showLicense(command.topic, agent.status(), agent.state.udi));
    case 'xstatus':
      return ok(xstatusLicense(agent.status(), agent.state.udi));
    case 'restart': {
      const { stopped } = agent.restart();
      return ok(PRINTED.restarting[product], ...stopped.map(stoppedAtRestartLine));
    }
  }
}

/** Never throws for a refusal: the device prints its message and the result is not ok. */
export function executeCommand(
  agent: ProductAgent,
  line: string,
  options: ConsoleOptions = {},
): ConsoleResult {
  const product = options.product ?? agent.state.product;
  try {
    return runCommand(agent, parseCommand(line), product);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return {
      ok: false,
      output: refusalLine(error.code, error.facts, product),
      error: { code: error.code, facts: error.facts },
    };
  }
}
