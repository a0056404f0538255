import type { DeviceState } from '../device-state';
import { DEFAULT_LOG_BUFFER } from '../device-settings';

/** `show logging`: the status block, then the buffer, oldest first. */
export function renderShowLogging(state: DeviceState): string[] {
  const n = state.logging.logged;
  const buffer = { ...DEFAULT_LOG_BUFFER, ...state.settings.loggingBuffered };
  return [
    'Syslog logging: enabled (0 messages dropped, 0 messages rate-limited, 0 flushes, 0 overruns, xml disabled, filtering disabled)',
    '',
    'No Active Message Discriminator.',
    '',
    '',
    '',
    'No Inactive Message Discriminator.',
    '',
    '',
    '    Console logging: disabled',
    '    Monitor logging: level debugging, 0 messages logged, xml disabled,',
    '                     filtering disabled',
    `    Buffer logging:  level ${buffer.level}, ${n} messages logged, xml disabled,`,
    '                    filtering disabled',
    '    Exception Logging: size (4096 bytes)',
    '    Count and timestamp logging messages: disabled',
    '    Persistent logging: disabled',
    '',
    'No active filter modules.',
    '',
    `    Trap logging: level informational, ${n} message lines logged`,
    '        Logging Source-Interface:       VRF Name:',
    '',
    `Log Buffer (${buffer.size} bytes):`,
    '',
    ...state.logging.lines(),
  ];
}
