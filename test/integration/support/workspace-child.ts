// A process of its own that works on one workspace through the app's services and router and
// writes a line on stdout for each result the moment it is acknowledged (the call returned, so
// its transaction committed). A test kills it at any instant and knows what it was told.
//
//   node --import tsx workspace-child.ts '<ChildArguments as JSON>'   (see children.ts)
//
// Lines: `ready` (open, key unlocked), `start` (the work begins), one JSON object per
// acknowledged result, `done`.

import { writeSync } from 'node:fs';
import { createAppServices } from '../../../electron/app-services.ts';
import { createRouter } from '../../../electron/ipc/router.ts';
import { encodeRequestCode, newRequestNonce } from '../../../shared/codes/request-code.ts';
import type { Channel, Request, Response } from '../../../shared/ipc/contract.ts';
import { ucmDevice, ucmRow, udiOf } from '../../support/authority.ts';
import { SeededRandom, TestClock } from '../../support/ports.ts';
import type { ChildArguments } from './children.ts';

function say(line: string): void {
  writeSync(1, `${line}\n`); // a pipe write the kernel holds before the next call begins
}

async function main(args: ChildArguments): Promise<void> {
  const random = new SeededRandom(args.seed);
  const services = createAppServices({
    dataDir: args.dataDir,
    ports: { clock: new TestClock(args.clockMs), random },
  });
  const router = createRouter(services);
  const call = async <C extends Channel>(channel: C, request: Request<C>) => {
    const result = await router.invoke(channel, request);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.value as Response<C>;
  };
  const workspaceId = args.workspaceId;
  // A batch commits chunk by chunk; each chunk's progress event is its acknowledgement.
  services.onEvent((event) => {
    if (event.type === 'batch-progress')
      say(JSON.stringify({ progress: event.done, total: event.total }));
  });
  const batchId = `b-child${args.seed.toString(36)}`;
  if (args.passphrase) await call('authority.unlock', { workspaceId, passphrase: args.passphrase });
  else await call('workspace.verifyAudit', { workspaceId }); // opened (and checked) now
  say('ready');
  const job = args.job;
  const request = (n: number) => encodeRequestCode(udiOf(n, 'ucm'), newRequestNonce(random));
  say('start');
  switch (job.kind) {
    case 'add-devices':
      for (let n = job.first; n < job.first + job.count; n++) {
        const device = await call('site.addDevice', ucmDevice(workspaceId, n));
        say(JSON.stringify({ id: device.id, udi: device.udi }));
      }
      break;
    case 'reserve':
      for (let n = job.first; n < job.first + job.count; n++) {
        const reserved = await call('authority.reserve', {
          workspaceId,
          va: job.va,
          requestCode: request(n),
          selection: { type: 'SLR', licenses: { [job.tag]: 1 } },
        });
        say(
          JSON.stringify({
            instanceId: reserved.instance.id,
            udi: reserved.instance.udi,
            code: reserved.authorizationCode,
          }),
        );
      }
      break;
    case 'device-list': {
      const rows = Array.from({ length: job.count }, (_, i) => ucmRow(job.first + i));
      const csv = ['product,pid,sn,uuid', ...rows].join('\n');
      const result = await call('site.addDevices', { workspaceId, csv, dryRun: false });
      say(JSON.stringify({ added: result.added }));
      break;
    }
    case 'request-batch': {
      const result = await call('site.requestBatch', { workspaceId, batchId });
      say(JSON.stringify({ requested: result.items.filter((i) => i.ok).length }));
      break;
    }
    case 'reserve-batch': {
      const codes = Array.from({ length: job.count }, (_, i) => request(job.first + i));
      const result = await call('authority.reserveBatch', {
        workspaceId,
        va: job.va,
        requestCodes: codes,
        selection: { type: 'SLR', licenses: { [job.tag]: 1 } },
        batchId,
      });
      const ok = result.items.filter((i) => i.ok);
      say(JSON.stringify({ ok: ok.length, instanceIds: ok.map((i) => i.instanceId) }));
      break;
    }
  }
  await services.close();
  say('done');
}

main(JSON.parse(process.argv[2]!) as ChildArguments).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : error}\n`);
  process.exitCode = 1;
});
