import { scpSinkTarget } from './scp-sink';
import { parseFilePath } from './file-path';

describe('which exec requests are an SCP upload', () => {
  it.each([
    ['scp -t bootflash:/merge_config.txt', 'bootflash:/merge_config.txt'],
    ['scp -p -t -d bootflash:', 'bootflash:'],
    ['scp -pt flash:x.cfg', 'flash:x.cfg'],
    ["scp -t 'bootflash:/quoted.txt'", 'bootflash:/quoted.txt'],
  ])('%s sends a file to %s', (command, target) => {
    expect(scpSinkTarget(command)).toBe(target);
  });

  it.each(['scp -f bootflash:/x', 'show version', 'scp', 'scp bootflash:/x'])('%s is not an upload (it goes to the CLI)', (command) => {
    expect(scpSinkTarget(command)).toBeUndefined();
  });
});

describe('IOS file paths', () => {
  it.each([
    ['bootflash:/a.cfg', { fs: 'bootflash:', name: 'a.cfg' }],
    ['flash:a.cfg', { fs: 'bootflash:', name: 'a.cfg', alias: 'flash:' }],
    ['a.cfg', { fs: 'bootflash:', name: 'a.cfg' }],
    ['run', { fs: 'system:', name: 'running-config' }],
    ['startup-config', { fs: 'nvram:', name: 'startup-config' }],
    ['NVRAM:startup-config', { fs: 'nvram:', name: 'startup-config' }],
    ['bootflash:', { fs: 'bootflash:', name: '' }],
    ['null:', { fs: 'null:', name: '' }],
  ])('%s is %j', (text, path) => {
    expect(parseFilePath(text)).toEqual(path);
  });

  it.each(['tftp://10.0.0.1/x', 'bootflash:/../x', 'bootflash:/dir/x', 'usb0:x', `bootflash:${'a'.repeat(65)}`])(
    '%s is no file here',
    (text) => {
      expect(parseFilePath(text)).toBeUndefined();
    },
  );
});
