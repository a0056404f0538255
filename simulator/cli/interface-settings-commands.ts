import type { CommandDef } from './command-types';
import { InvalidInput } from './command-types';
import { maskToPrefix } from '../ipv4';

/** `mtu` and `no ip address A.B.C.D MASK` under an interface: what Ansible's ios_interfaces and ios_l3_interfaces send. */
export const interfaceSettingsCommands: CommandDef[] = [
  {
    pattern: 'mtu <64-9216:bytes>',
    privilege: 15,
    run: (s, session, a) => s.setMtu(session.interfaceName ?? '', Number(a.values.bytes), session.user),
  },
  { pattern: 'no mtu', privilege: 15, run: (s, session) => s.setMtu(session.interfaceName ?? '', undefined, session.user) },
  {
    // Removes the address when it is the one given; another one is left as it is.
    pattern: 'no ip address <ipv4:address> <mask:mask>',
    privilege: 15,
    run: (s, session, a) => {
      const i = s.findInterface(session.interfaceName ?? '');
      const prefix = maskToPrefix(a.values.mask ?? '');
      if (prefix === undefined) return new InvalidInput(a.offsets.mask ?? 0);
      if (i?.ip?.address === a.values.address && i?.ip?.prefix === prefix) s.setAddress(i.name, undefined, session.user);
    },
  },
];
