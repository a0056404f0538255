import { testConfig } from '../../../test/support/test-config';
import { RequestTrace } from './request-trace';
import { pipelineSettings } from './trace-stages';
import { traceView } from './trace-view';

/** The live view showed running-config secrets that the backup diff masks. */
describe('traceView', () => {
  const settings = pipelineSettings(testConfig());

  it('masks the secrets of a running-config a command printed, as the backup diff does', () => {
    const trace = new RequestTrace('r', process.hrtime.bigint());
    trace.addStep({
      kind: 'command',
      ok: true,
      text: 'Router1# show running-config',
      output: [
        'hostname Router1',
        'enable secret 9 $9$nhEmQVczB7dqsO$X.HsgL6x1il0RxkOSSvyQYwucySCt7qFm4v7pqCxkKM',
        'username admin privilege 15 secret 9 $9$h5dbE1n/hGQ7e.$Wqn0N4I4oEc7kGDQ8kCSRYuPNe6aQN2KxuGJq4MAaGw',
        'username carol password 7 0822455D0A16',
        ' key-string 7 045802150C2E',
        'snmp-server community s3cr3tCommunity RO',
        'interface GigabitEthernet1',
      ].join('\n'),
    });
    const output = traceView(trace, settings).steps[0]!.output!;
    expect(output).not.toMatch(/\$9\$|0822455D0A16|045802150C2E|s3cr3tCommunity/);
    expect(output).toContain('enable secret 9 <removed>');
    expect(output).toContain('username admin privilege 15 secret 9 <removed>');
    expect(output).toContain('username carol password 7 <removed>');
    expect(output).toContain('hostname Router1');
  });

  it('never shows a typed secret in a step line either', () => {
    const trace = new RequestTrace('r', process.hrtime.bigint());
    trace.addStep({ kind: 'command', ok: true, text: 'Router1(config)# username backup secret Hunter2' });
    expect(traceView(trace, settings).steps[0]!.text).toBe('Router1(config)# username backup secret <removed>');
  });
});
