// Runs one console line against an emulated device and returns what the device prints, plus the
// codes it printed so the caller can carry them across the gap without scraping the text.

import type { ErrorFacts } from '../../errors.ts';
import { DomainError, isDomainError } from '../../errors.ts';
import type { ProductAgent } from '../device.ts';
import type { Product } from '../device-state.ts';
import {
  EXPORT_NOTHING_TO_CANCEL,
  HELP,
  INSTALL_FILE_UNAVAILABLE,
  REFUSALS,
  confirmationLine,
  refusalLine,
  say,
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
      return ok(HELP[product].text);
    case 'invalid':
      return invalid(command.usage, product);
    case 'code-not-quoted':
      return {
        ok: false,
        output: [REFUSALS.CODE_NOT_QUOTED!.text({}), usageLine(command.usage)].join('\n'),
        error: { code: 'CODE_NOT_QUOTED', facts: { product } },
      };
    case 'enable':
      return ok(say(agent.enable().changed ? 'enabled' : 'alreadyEnabled', product));
    case 'disable':
      return ok(say(agent.disable().changed ? 'disabled' : 'alreadyDisabled', product));
    case 'request': {
      const { requestCode } = agent.request();
      return { ...ok(say('requestIntro', product), requestCode), requestCode };
    }
    case 'cancel':
      agent.cancel();
      return ok(say('cancelled', product));
    case 'install': {
      const result = agent.install(command.code);
      if (result.confirmationCode === undefined) return ok(say('installed', product));
      const { confirmationCode } = result;
      return {
        ...ok(say('installed', product), confirmationLine(confirmationCode)),
        confirmationCode,
      };
    }
    case 'install-file':
      return {
        ok: false,
        output: INSTALL_FILE_UNAVAILABLE.text,
        error: { code: 'COMMAND_NOT_AVAILABLE', facts: { command: 'install-file' } },
      };
    case 'return': {
      const { returnCode } = agent.returnReservation();
      return { ...ok(say('returnIntro', product), returnCode), returnCode };
    }
    case 'return-authorization': {
      const { returnCode } = agent.returnAuthorization(command.code);
      return { ...ok(say('returnIntro', product), returnCode), returnCode };
    }
    case 'export-request':
    case 'export-return': {
      // Export authorization keys come from Smart Software Manager to a registered product; an
      // emulated device is never registered, and under reservation the key rides the reservation.
      const status = agent.status();
      const action = command.kind === 'export-request' ? 'request' : 'return';
      if (!status.reservationEnabled)
        throw new DomainError('EXPORT_NEEDS_REGISTRATION', { feature: command.feature, action });
      throw new DomainError('EXPORT_UNDER_RESERVATION', {
        feature: command.feature,
        action,
        exportControlled: status.exportControlled,
      });
    }
    case 'export-cancel':
      return ok(EXPORT_NOTHING_TO_CANCEL.text);
    case 'show':
      return ok(showLicense(command.topic, agent.status(), agent.state.udi));
    case 'xstatus':
      return ok(xstatusLicense(agent.status(), agent.state.udi));
    case 'restart': {
      const { stopped } = agent.restart();
      return ok(say('restarting', product), ...stopped.map(stoppedAtRestartLine));
    }
  }
}

/**
 * A line the product does not take: its own answer to an unknown command, or the usage of a
 * command it knows. The error says when the line is the other product's syntax.
 */
function invalid(usage: string | undefined, product: Product): ConsoleResult {
  if (usage)
    return {
      ok: false,
      output: [usageLine(usage), say('commandFailed', product)].join('\n'),
      error: { code: 'COMMAND_USAGE', facts: { product, usage } },
    };
  return {
    ok: false,
    output: say('unknownCommand', product),
    error: { code: 'COMMAND_UNKNOWN', facts: { product } },
  };
}

function otherProduct(product: Product): Product {
  return product === 'ucm' ? 'expressway' : 'ucm';
}

/** Never throws for a refusal: the device prints its message and the result is not ok. */
export function executeCommand(
  agent: ProductAgent,
  line: string,
  options: ConsoleOptions = {},
): ConsoleResult {
  const product = options.product ?? agent.state.product;
  try {
    const command = parseCommand(line, product);
    const result = runCommand(agent, command, product);
    if (command.kind === 'invalid' && !command.usage) {
      // The other product's syntax: the device still answers as itself, the error says why.
      const other = otherProduct(product);
      const theirs = parseCommand(line, other).kind;
      if (theirs !== 'invalid' && result.error) result.error.facts.syntax = other;
    }
    return result;
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return {
      ok: false,
      output: refusalLine(error.code, error.facts, product),
      error: { code: error.code, facts: error.facts },
    };
  }
}
