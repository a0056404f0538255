import { inProcessCli } from '../support/sim-fixture';

describe('a configuration file that copies itself', () => {
  it('is not applied again through do: the line is refused, the device goes on', () => {
    const { run, state } = inProcessCli();
    run('configure terminal');
    run('file prompt quiet');
    run('end');
    state.files.write(
      'loop.cfg',
      Buffer.from('do copy bootflash:loop.cfg running-config\ndo configure replace bootflash:loop.cfg force\nend\n'),
      state.now(),
    );
    const out = run('copy bootflash:loop.cfg running-config');
    expect(out.filter((l) => l.startsWith('% Invalid input'))).toHaveLength(2);
    expect(run('configure replace bootflash:loop.cfg force revert trigger error')[0]).toBe(
      'Failed to apply command do copy bootflash:loop.cfg running-config',
    );
    expect(run('show clock')[0]).toMatch(/\d\d:\d\d:\d\d/);
  });
});
