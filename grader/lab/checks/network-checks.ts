import crypto from 'node:crypto';
import { CheckFailure, must } from '../../check-failure';
import { describeAnswer, type Answer } from '../../grade-http';
import type { WorldEntry } from '../../world/world-log';
import { need, requireHandling, requireWorking, type LabCheckFn, type LabContext } from '../lab-context';
import { mentions, notAnAck, notAnError, notIgnored, refused } from '../read-answer';
import { interfaceEvidence, interfacesNamed, reportedState } from '../device-facts';
import { isConfiguration, looksAt } from '../device-commands';

/** An interface name that carries a second line: a device CLI would run `reload` as a command. */
const INJECTED = 'GigabitEthernet1\nreload';
/** How long the device may stay quiet before the grader decides a server did nothing more (a Netmiko login pauses up to ~2 s). */
const QUIET_MS = 2500;
/** How long the router's webhook may take to make the server act on the device. */
const LOOP_MS = 25_000;
/** After the server answered the router: how long the device may stay quiet before the grader stops waiting. */
const LOOP_QUIET_MS = 5000;
/** How long a server may take to give up on a device that accepted the connection and says nothing (as for a hanging API). */
export const DEVICE_HANG_LIMIT_MS = 15_000;

const commands = (entries: WorldEntry[]): string[] => entries.flatMap((e) => (e.kind === 'command' ? [e.command] : []));

/** NetworkDeviceCheck for the world's device; the commands the device ran meanwhile. */
async function deviceCheck(ctx: LabContext, extra: Record<string, unknown> = {}): Promise<{ a: Answer; commands: string[] }> {
  const mark = await ctx.world.mark();
  const a = await ctx.http.send(need(ctx, 'network'), {
    path: '/events',
    body: { event: 'NetworkDeviceCheck', device: ctx.info.env.DEVICE_NAME, ...extra },
    timeoutMs: ctx.deviceTimeoutMs,
  });
  return { a, commands: commands(await ctx.world.entries(mark)) };
}

/** The first report, shared by the checks that read it (each one costs the server a login). */
const firstReport = (ctx: LabContext) => ctx.once('device-report', () => deviceCheck(ctx));

/** The first report as JSON, or a failure saying why there is none (checks that need a working server start here). */
async function reportJson(ctx: LabContext): Promise<unknown> {
  const { a } = await firstReport(ctx);
  const problem = notAnAck(a, 'network: NetworkDeviceCheck');
  if (problem) throw new CheckFailure(problem);
  return a.json;
}

/** Step 4 (the device report, its facts, bad input, a dead device) and step 6 (the loop). */
export const networkChecks: Record<string, LabCheckFn> = {
  async 'network-answers'(ctx) {
    const { a, commands: ran } = await firstReport(ctx);
    const what = `network: {"event": "NetworkDeviceCheck", "device": "${ctx.info.env.DEVICE_NAME}"}`;
    const problem = notAnAck(a, what);
    must(problem === '', problem);
    must(
      ran.length > 0,
      `${what}: answered, but no command ran on the device (DEVICE_HOST ${ctx.info.env.DEVICE_HOST} port ${ctx.info.env.DEVICE_PORT}) while it did`,
    );
    must(
      mentions(a.json, ctx.info.device.hostname),
      `${what}: the report does not name the device's hostname "${ctx.info.device.hostname}": ${describeAnswer(a)}`,
    );
  },

  async 'device-interfaces'(ctx) {
    const named = interfacesNamed(await reportJson(ctx));
    const missing = ctx.info.device.interfaces.map((i) => i.name).filter((n) => !named.has(n));
    must(
      missing.length === 0,
      `network: the report does not list ${missing.join(', ')}, which the device has (it lists ${[...named].join(', ') || 'no interface'})`,
    );
  },

  async 'device-states'(ctx) {
    const candidates = ctx.info.device.interfaces.filter((i) => i.up && !/^GigabitEthernet1$|^Loopback0$/.test(i.name));
    const shut = candidates[crypto.randomInt(candidates.length)]!.name;
    await ctx.world.setShutdown(shut, true);
    let a: Answer;
    try {
      ({ a } = await deviceCheck(ctx));
    } finally {
      await ctx.world.setShutdown(shut, false);
    }
    const what = `network: NetworkDeviceCheck after the grader shut ${shut}`;
    const problem = notAnAck(a, what);
    must(problem === '', problem);
    const evidence = interfaceEvidence(a.json);
    const state = reportedState(evidence.get(shut));
    must(state === 'down', `${what}: the report ${state === 'up' ? 'says it is up' : 'does not say it is down'}: ${describeAnswer(a)}`);
    const others = ctx.info.device.interfaces
      .filter((i) => i.up && i.name !== shut)
      .map((i) => [i.name, reportedState(evidence.get(i.name))] as const);
    const wrong = others.filter(([, s]) => s === 'down').map(([n]) => n);
    must(
      wrong.length === 0,
      `${what}: the report says ${wrong.join(', ')} ${wrong.length > 1 ? 'are' : 'is'} down too, but only ${shut} was`,
    );
    must(
      others.some(([, s]) => s === 'up'),
      `${what}: the report says no interface is up (e.g. GigabitEthernet1 is): ${describeAnswer(a)}`,
    );
  },

  async 'device-injection'(ctx) {
    await reportJson(ctx); // a server that cannot report at all gets no points for doing nothing
    const mark = await ctx.world.mark();
    const target = need(ctx, 'network');
    const answers = [
      await ctx.http.send(target, {
        path: '/events',
        body: { event: 'InterfaceDown', device: ctx.info.env.DEVICE_NAME, interface: INJECTED },
        timeoutMs: ctx.deviceTimeoutMs,
      }),
      (await deviceCheck(ctx, { interface: INJECTED })).a,
    ];
    // A server that took the event may still be working on it: watch the device until it is quiet.
    // Any command carrying the payload's second line counts, run on its own (a shell) or not (exec).
    const injected = (entries: WorldEntry[]): boolean => commands(entries).some((c) => /reload/i.test(c));
    const waitFrom = Date.now();
    const quiet = (entries: WorldEntry[]): boolean => Date.now() - Math.max(waitFrom, entries.at(-1)?.at ?? 0) > QUIET_MS;
    const seen = answers.every(refused)
      ? await ctx.world.entries(mark)
      : await ctx.world.waitFor(mark, (e) => injected(e) || quiet(e), 10_000, 500);
    const reached = commands(seen).filter((c) => /reload/i.test(c));
    must(
      reached.length === 0,
      `network: "interface": "GigabitEthernet1\\nreload" reached the device CLI unchecked: it received ${reached.map((c) => JSON.stringify(c)).join(', ')}`,
    );
    const crashed = answers.find((a) => a.status === 500 && typeof a.json !== 'object');
    must(!crashed, `network: "interface": "GigabitEthernet1\\nreload" crashed the server: ${crashed ? describeAnswer(crashed) : ''}`);
  },

  async 'network-unknown-event'(ctx) {
    requireHandling(ctx, 'network-answers', 'network: an event it does not handle');
    const problem = notIgnored(
      await ctx.http.send(need(ctx, 'network'), { path: '/events', body: { event: 'BackupCompleted' } }),
      'network: {"event": "BackupCompleted"}',
    );
    must(problem === '', problem);
  },

  async 'device-down'(ctx) {
    await reportJson(ctx); // a server that fails anyway shows no handling of a dead device
    await ctx.world.setDeviceMode('down');
    try {
      const { a } = await deviceCheck(ctx);
      const problem = notAnError(a, '5xx', 'network: NetworkDeviceCheck while the device refuses connections');
      must(problem === '', problem);
    } finally {
      await ctx.world.setDeviceMode('up');
    }
  },

  async 'device-hang'(ctx) {
    await reportJson(ctx); // a server that fails anyway shows no handling of a hung device
    await ctx.world.setDeviceMode('hang');
    try {
      const a = await ctx.http.send(need(ctx, 'network'), {
        path: '/events',
        body: { event: 'NetworkDeviceCheck', device: ctx.info.env.DEVICE_NAME },
        timeoutMs: DEVICE_HANG_LIMIT_MS,
        countTimeout: false, // the grader made it wait: later checks still get their turn
      });
      const problem = notAnError(a, '5xx', 'network: NetworkDeviceCheck while the device accepts the connection and then says nothing');
      must(problem === '', problem);
    } finally {
      // Also cuts the connection the server was left waiting on, so it is free again.
      await ctx.world.setDeviceMode('up');
    }
  },

  async 'close-loop'(ctx) {
    const { ran, shut } = await loopRun(ctx);
    return `the device ran ${ran.length} command${ran.length > 1 ? 's' : ''} after the router's webhook for ${shut} (e.g. ${JSON.stringify(ran[0])})`;
  },

  async 'loop-looks-at-interface'(ctx) {
    requireWorking(
      ctx,
      'close-loop',
      "network: a look at the router's interface",
      'a server that runs no command after the webhook looks at nothing',
    );
    const { ran, shut } = await loopRun(ctx);
    const look = ran.find((c) => looksAt(c, shut));
    must(
      look,
      `network: after the router's InterfaceDown for ${shut}, the device ran ${ran.map((c) => JSON.stringify(c)).join(', ')}, none of which shows ${shut} (e.g. "show interfaces ${shut}")`,
    );
    return `looked with ${JSON.stringify(look)}`;
  },

  async 'loop-no-config'(ctx) {
    requireWorking(
      ctx,
      'close-loop',
      'network: no configuration with AUTO_REMEDIATE off',
      'a server that sends nothing to the device cannot show it holds back',
    );
    // Everything the device ran while this server was graded: a change sent late counts too, so
    // the loop's last command must be LOOP_QUIET_MS old before the grader stops looking.
    const { endedAt } = await loopRun(ctx);
    const wait = LOOP_QUIET_MS - (Date.now() - endedAt);
    const all = commands(
      wait > 0
        ? await ctx.world.waitFor(ctx.info.log.last, (e) => commands(e).some(isConfiguration), wait, 500)
        : await ctx.world.entries(ctx.info.log.last),
    );
    const config = all.filter(isConfiguration);
    must(
      config.length === 0,
      `network: the server configured the device (${config.map((c) => JSON.stringify(c)).join(', ')}) although AUTO_REMEDIATE is not set (off): with it off, diagnose only`,
    );
  },
};

/**
 * The loop, run once for its three checks: the grader shuts one of the router's Gigabit
 * interfaces (which one changes from run to run), the router sends its signed InterfaceDown
 * webhook, and the grader reads which commands reached the device after it.
 */
function loopRun(ctx: LabContext): Promise<{ shut: string; ran: string[]; endedAt: number }> {
  return ctx.once('close-loop', async () => {
    const network = need(ctx, 'network');
    ctx.http.assertAnswering(network);
    const gigabit = ctx.info.device.interfaces.filter((i) => i.up && /^GigabitEthernet\d+$/.test(i.name)).map((i) => i.name);
    const shut = gigabit[crypto.randomInt(gigabit.length)] ?? 'GigabitEthernet1';
    await ctx.world.setRelay({ target: network.url, forwarding: true });
    const mark = await ctx.world.mark();
    let seen: WorldEntry[];
    try {
      await ctx.world.setShutdown(shut, true);
      // Done when the device ran a command that looks at the interface after the delivery, or
      // another command and then stayed quiet a moment (a look may follow a `show clock`), or the
      // server answered the router and the device then stayed quiet (work in the background
      // starts within a moment). A configuration sent later is loop-no-config's to wait for.
      const done = (entries: WorldEntry[]): boolean => {
        const delivered = entries.find((e) => e.kind === 'webhook' && e.event === 'InterfaceDown' && e.forwarded);
        if (!delivered) return false;
        const quietFor = Date.now() - (entries.at(-1)?.at ?? 0);
        const after = commands(entries.filter((e) => e.seq > delivered.seq));
        if (after.some((c) => looksAt(c, shut))) return true;
        if (after.length > 0) return quietFor > QUIET_MS;
        const answered = entries.some((e) => e.kind === 'webhook' && e.forwarded && (e.status !== undefined || e.error !== undefined));
        return answered && quietFor > LOOP_QUIET_MS;
      };
      seen = await ctx.world.waitFor(mark, done, LOOP_MS, 500);
    } finally {
      await ctx.world.setRelay({ forwarding: false });
      await ctx.world.setShutdown(shut, false);
    }
    const deliveries = seen.flatMap((e) => (e.kind === 'webhook' && e.event === 'InterfaceDown' && e.forwarded ? [e] : []));
    const sent = deliveries[0];
    must(
      sent,
      `the router's InterfaceDown webhook for ${shut} was not relayed to ${network.url}/events (the grader's world did not send it)`,
    );
    const ran = commands(seen.filter((e) => e.seq > sent.seq));
    const answered = deliveries.find((e) => e.status !== undefined || e.error !== undefined);
    const answer = answered?.status !== undefined ? `HTTP ${answered.status}` : (answered?.error ?? 'no answer yet');
    must(
      ran.length > 0,
      `the router sent {"event": "InterfaceDown", "interface": "${shut}"} to ${network.url}/events (answered ${answer}), but no command reached the device after it`,
    );
    return { shut, ran, endedAt: Date.now() };
  });
}
