import type { DeviceState } from './device-state';
import type { WebhookEmitter } from './webhook-emitter';

/**
 * Turns state changes into webhooks, as an EEM applet matching %LINEPROTO-5-UPDOWN and
 * %SYS-5-CONFIG_I would. Returns the unsubscribe function.
 */
export function wireDeviceEvents(state: DeviceState, webhooks: WebhookEmitter | undefined): () => void {
  if (!webhooks) return () => undefined;
  return state.subscribe((event) => {
    if (event.type === 'interface') {
      webhooks.send({
        event: event.up ? 'InterfaceUp' : 'InterfaceDown',
        device: state.hostname,
        interface: event.name,
        timestamp: event.at.toISOString(),
      });
    } else if (event.type === 'config') {
      webhooks.send({ event: 'ConfigChange', device: state.hostname, timestamp: event.at.toISOString() });
    }
  });
}
