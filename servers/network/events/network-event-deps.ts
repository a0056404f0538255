import type { AppConfig } from '../../lib/config/load-config';
import type { DevicePool } from '../../lib/device-client/device-pool';
import type { RunOnDevice } from './run-on-device';

/** What every network event is built with (see ../app.ts). */
export interface NetworkEventDeps {
  config: Readonly<AppConfig>;
  /** The devices this server manages: `pool.resolve(name)` finds one, or answers 422 UNKNOWN_DEVICE. */
  pool: DevicePool;
  /** Device work as a shared job, answered the way the client asked (see run-on-device.ts). */
  runOnDevice: RunOnDevice;
}
