/** Counters `GET /stats` reports, per device. */
export interface DeviceStats {
  sessions_opened: number;
  sessions_active: number;
  commands: number;
  auth_failures: number;
}

export function createDeviceStats(): DeviceStats {
  return { sessions_opened: 0, sessions_active: 0, commands: 0, auth_failures: 0 };
}

/** Adds up the per-device counters. */
export function totalStats(all: readonly DeviceStats[]): DeviceStats {
  const total = createDeviceStats();
  for (const s of all) {
    total.sessions_opened += s.sessions_opened;
    total.sessions_active += s.sessions_active;
    total.commands += s.commands;
    total.auth_failures += s.auth_failures;
  }
  return total;
}
