// One bench phase in a process of its own, so its peak RSS and its cold start are its own:
// `node --import tsx bench/phase.ts <name> <args JSON | @args-file> <result.json>`.

import { readFileSync, writeFileSync } from 'node:fs';
import type { PhaseOutput } from './measure.ts';

// Each phase takes the JSON arguments the parent wrote for it, and is loaded only when it runs
// (the crypto baseline needs nothing of the app).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Phase = (args: any) => Promise<PhaseOutput> | PhaseOutput;

const PHASES: Record<string, () => Promise<Phase>> = {
  baseline: async () => {
    const { cryptoBaseline } = await import('./baseline.ts');
    return (args: { count: number; label: string }) => ({
      measurements: cryptoBaseline(args.count, args.label),
    });
  },
  domain: async () => (await import('./domain.ts')).domain,
  setup: async () => (await import('./setup.ts')).setup,
  'authority-batch': async () => (await import('./authority-batch.ts')).authorityBatch,
  'site-batch': async () => (await import('./site-batch.ts')).siteBatch,
  'persistence-prep': async () => (await import('./persistence.ts')).persistencePrep,
  persistence: async () => (await import('./persistence.ts')).persistence,
  renderer: async () => (await import('./renderer.ts')).renderer,
  returns: async () => (await import('./returns.ts')).returns,
  cli: async () => (await import('./cli.ts')).cli,
};

const [name, argsText, resultPath] = process.argv.slice(2);
const load = name === undefined ? undefined : PHASES[name];
if (!load || argsText === undefined || resultPath === undefined) {
  console.error(
    `usage: phase.ts <${Object.keys(PHASES).join('|')}> <args JSON | @args-file> <result.json>`,
  );
  process.exit(2);
}
const args: unknown = JSON.parse(
  argsText.startsWith('@') ? readFileSync(argsText.slice(1), 'utf8') : argsText,
);
const output = await (await load())(args);
writeFileSync(resultPath, JSON.stringify(output));
