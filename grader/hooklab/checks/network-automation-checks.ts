import { CheckFailure, must } from '../../check-failure';
import { describeAnswer } from '../../grade-http';
import { need, type CheckFn, type GradeContext } from '../grade-context';
import { detailFields, expectError, expectJson, type Json } from '../expect-answer';

const VERDICTS = ['admin_down', 'link_down', 'protocol_down', 'up'];
// SSH to a device takes longer than an HTTP call.
const DEVICE_TIMEOUT_MS = 30_000;

const event = async (ctx: GradeContext, body: unknown, what: string, status = 200): Promise<Json> =>
  expectJson(await ctx.http.send(need(ctx, 'network'), { path: '/events', body, timeoutMs: DEVICE_TIMEOUT_MS }), status, what);

/** The report fields NetworkDeviceCheck must carry; '' when all are there. */
function reportProblems(body: Json): string {
  const interfaces = body.interfaces;
  if (typeof body.hostname !== 'string') return 'no "hostname" string';
  if (!Array.isArray(interfaces) || interfaces.length === 0) return 'no "interfaces" array (or it is empty)';
  const bad = (interfaces as Json[]).find(
    (i) => typeof i?.name !== 'string' || typeof i.status !== 'string' || typeof i.protocol !== 'string',
  );
  if (bad) return `an interface lacks name, status or protocol: ${JSON.stringify(bad).slice(0, 100)}`;
  const counts = body.counts as Json | undefined;
  if (typeof counts !== 'object' || counts === null) return 'no "counts" object';
  if (counts.total !== interfaces.length) return `counts.total is ${String(counts.total)} but there are ${interfaces.length} interfaces`;
  if (typeof counts.up !== 'number' || typeof counts.down !== 'number' || counts.up + counts.down !== counts.total)
    return 'counts.up + counts.down is not counts.total';
  return '';
}

interface ControlInterface {
  name: string;
  shutdown: boolean;
}

async function controlInterfaces(ctx: GradeContext): Promise<ControlInterface[]> {
  const a = await ctx.http.send(need(ctx, 'deviceControl'), { path: '/interfaces' });
  const body = expectJson(a, 200, 'router control: GET /interfaces');
  must(Array.isArray(body.interfaces), `router control: GET /interfaces: no "interfaces" array: ${describeAnswer(a)}`);
  return body.interfaces as ControlInterface[];
}

/** Network device automation via webhooks (15). */
export const networkAutomationChecks: Record<string, CheckFn> = {
  async 'device-report'(ctx) {
    const body = await event(ctx, { event: 'NetworkDeviceCheck', device: 'Router1' }, 'NetworkDeviceCheck');
    const problem = reportProblems(body);
    must(problem === '', `NetworkDeviceCheck: ${problem}`);
  },

  async 'device-check-alias'(ctx) {
    const body = await event(ctx, { event: 'DeviceCheck' }, '{"event":"DeviceCheck"}');
    must(Array.isArray(body.interfaces), '{"event":"DeviceCheck"}: answered, but not with a device report (no "interfaces")');
  },

  async 'interface-diagnosis'(ctx) {
    const what = 'InterfaceDown GigabitEthernet1';
    const body = await event(ctx, { event: 'InterfaceDown', device: 'Router1', interface: 'GigabitEthernet1' }, what);
    must(body.interface === 'GigabitEthernet1', `${what}: "interface" is ${JSON.stringify(body.interface)}`);
    must(
      VERDICTS.includes(String(body.verdict)),
      `${what}: "verdict" should be one of ${VERDICTS.join(', ')}; got ${JSON.stringify(body.verdict)}`,
    );
    must(typeof body.summary === 'string', `${what}: no "summary" string`);
    must(Array.isArray(body.recent_logs), `${what}: no "recent_logs" array`);
  },

  async 'shutdown-verdict'(ctx) {
    const control = ctx.targets.servers.deviceControl;
    if (!control)
      throw new CheckFailure(
        `${ctx.targets.missing.deviceControl ?? 'no router control port'}: the grader cannot shut an interface on the router`,
      );
    const name = 'GigabitEthernet2';
    const before = (await controlInterfaces(ctx)).find((i) => i.name === name);
    must(before, `router control: the router has no ${name}`);
    expectJson(
      await ctx.http.send(control, { method: 'POST', path: `/interfaces/${name}/shutdown`, auth: false }),
      200,
      `router control: shut ${name}`,
    );
    try {
      const what = `InterfaceDown ${name} after shutting it`;
      const body = await event(ctx, { event: 'InterfaceDown', device: 'Router1', interface: name }, what);
      must(body.verdict === 'admin_down', `${what}: expected "verdict":"admin_down", got ${JSON.stringify(body.verdict)}`);
    } finally {
      // Leave the router as found, even when the check failed.
      if (!before.shutdown) await ctx.http.send(control, { method: 'POST', path: `/interfaces/${name}/no-shutdown`, auth: false });
    }
  },

  async 'config-backup'(ctx) {
    const first = await event(ctx, { event: 'ConfigChange', device: 'Router1' }, 'ConfigChange');
    must(typeof first.backup === 'string' && first.backup.length > 0, 'ConfigChange: no "backup" naming the saved file');
    const second = await event(ctx, { event: 'ConfigChange', device: 'Router1' }, 'a second ConfigChange');
    must(typeof second.previous === 'string', 'a second ConfigChange: "previous" does not name the first backup');
    must(typeof second.diff === 'string', 'a second ConfigChange: no "diff" string');
    must(typeof second.changed === 'boolean', 'a second ConfigChange: no "changed" boolean');
  },

  async 'unknown-device'(ctx) {
    const a = await ctx.http.send(need(ctx, 'network'), {
      path: '/events',
      body: { event: 'NetworkDeviceCheck', device: 'NoSuchRouter' },
      timeoutMs: DEVICE_TIMEOUT_MS,
    });
    expectError(a, 422, 'UNKNOWN_DEVICE', 'a device not in the inventory');
  },

  async 'interface-injection'(ctx) {
    const a = await ctx.http.send(need(ctx, 'network'), {
      path: '/events',
      body: { event: 'InterfaceDown', interface: 'Gi1; reload' },
      timeoutMs: DEVICE_TIMEOUT_MS,
    });
    const error = expectError(a, 422, undefined, '"interface":"Gi1; reload"');
    must(detailFields(error).includes('interface'), '"interface":"Gi1; reload": the error details do not name "interface"');
  },
};
