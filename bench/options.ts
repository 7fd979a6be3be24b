// What a bench run measures and how big: flags first, then environment variables, then defaults.

export interface BenchOptions {
  /** Devices at the site, request codes in the batch, instances at the authority. */
  devices: number;
  /** Distinct licenses in each SLR reservation (count 1 each). */
  licenses: number;
  /** Audit entries in the persistence workload's log. */
  auditEntries: number;
  /** Workloads to run (1–7); the crypto baseline (5) always runs, since every ratio needs it. */
  only: Set<number>;
  /** Where the bench keeps its workspaces and drive; a fresh temporary folder by default. */
  dir: string | undefined;
  /** Keep the folder afterwards (to look at the files, or profile a phase again). */
  keep: boolean;
  /** Also write every figure as JSON here. */
  json: string | undefined;
  /** Chromium for workload 6. */
  chromium: string;
  /** A built renderer to serve; by default the bench builds one into its own folder. */
  rendererDist: string | undefined;
  /** Characters typed into the instances filter, one keystroke each (then erased one by one). */
  filterText: string;
  /** Write a Chromium CPU profile of the typing in workload 6 here. */
  rendererProfile: string | undefined;
  /** Prepare everything this phase needs, then stop and print how to run it (to profile it). */
  stopAt: string | undefined;
}

export const ALL_WORKLOADS = [1, 2, 3, 4, 5, 6, 7] as const;

const HELP = `npm run bench [-- options]

  --devices N        devices / request codes / instances      (BENCH_DEVICES, default 10000)
  --licenses N       licenses in each SLR reservation         (BENCH_LICENSES, default 3)
  --audit N          audit entries for the persistence test   (BENCH_AUDIT, default 100000)
  --only 1,2,...     workloads to run; 5 (crypto baseline) always runs; 2 needs 1, 3 needs 2,
                     4 and 6 need 2; 7 (the round trip as airlock processes) needs
                     nothing                                  (BENCH_ONLY, default all)
  --dir DIR          working folder (default: a new temporary folder)   (BENCH_DIR)
  --keep             keep the working folder
  --json FILE        also write the results as JSON           (BENCH_JSON)
  --chromium PATH    Chromium for workload 6 (BENCH_CHROMIUM, default /usr/bin/chromium)
  --renderer-dist D  serve this built renderer instead of building one (BENCH_RENDERER_DIST)
  --filter TEXT      characters typed into the instances filter (BENCH_FILTER, default S:B0012)
  --renderer-profile FILE  a Chromium CPU profile of that typing  (BENCH_RENDERER_PROFILE)
  --help

  --stop-at PHASE    run what PHASE needs, then stop and print the command that runs PHASE alone
                     (add --cpu-prof to profile it). Phases: baseline domain setup
                     authority-batch site-batch persistence-prep persistence renderer returns cli`;

function positiveInt(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1)
    throw new Error(`${name} must be a positive integer`);
  return value;
}

export function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv): BenchOptions {
  const flags = new Map<string, string>();
  const bare = new Set(['--keep', '--help']);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new Error(`unexpected argument ${arg}\n\n${HELP}`);
    const eq = arg.indexOf('=');
    if (eq > 0) flags.set(arg.slice(0, eq), arg.slice(eq + 1));
    else if (bare.has(arg)) flags.set(arg, 'true');
    else {
      const value = argv[++i];
      if (value === undefined) throw new Error(`${arg} needs a value`);
      flags.set(arg, value);
    }
  }
  if (flags.has('--help')) {
    console.log(HELP);
    process.exit(0);
  }
  const known = [
    '--devices',
    '--licenses',
    '--audit',
    '--only',
    '--dir',
    '--keep',
    '--json',
    '--chromium',
    '--renderer-dist',
    '--filter',
    '--renderer-profile',
    '--stop-at',
  ];
  for (const flag of flags.keys())
    if (!known.includes(flag)) throw new Error(`unknown option ${flag}\n\n${HELP}`);
  const get = (flag: string, variable: string) => flags.get(flag) ?? env[variable];

  const onlyText = get('--only', 'BENCH_ONLY');
  const only = new Set<number>(onlyText ? onlyText.split(',').map(Number) : ALL_WORKLOADS);
  for (const w of only)
    if (!ALL_WORKLOADS.includes(w as 1)) throw new Error(`--only: no workload ${w} (1–7)`);
  // Later workloads start from what earlier ones left behind: 3, 4 and 6 from 2's, 2 from 1's.
  if (only.has(3) || only.has(4) || only.has(6)) only.add(2);
  if (only.has(2)) only.add(1);
  only.add(5);

  const licenses = positiveInt('--licenses', get('--licenses', 'BENCH_LICENSES'), 3);
  if (licenses > 6) throw new Error('--licenses: the UCM catalog has 6 SLR licenses');
  return {
    devices: positiveInt('--devices', get('--devices', 'BENCH_DEVICES'), 10_000),
    licenses,
    auditEntries: positiveInt('--audit', get('--audit', 'BENCH_AUDIT'), 100_000),
    only,
    dir: get('--dir', 'BENCH_DIR'),
    keep: flags.has('--keep') || env.BENCH_KEEP === '1',
    json: get('--json', 'BENCH_JSON'),
    chromium: get('--chromium', 'BENCH_CHROMIUM') ?? '/usr/bin/chromium',
    rendererDist: get('--renderer-dist', 'BENCH_RENDERER_DIST'),
    filterText: get('--filter', 'BENCH_FILTER') ?? 'S:B0012',
    rendererProfile: get('--renderer-profile', 'BENCH_RENDERER_PROFILE'),
    stopAt: get('--stop-at', 'BENCH_STOP_AT'),
  };
}
