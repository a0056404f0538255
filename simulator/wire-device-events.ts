import type { DeviceState } from './device-state';
import type { WebhookEmitter } from './webhook-emitter';

/**
 * Turns state changes into webhooks, as an EEM applet matching %LINEPROTO-5-UPDOWN and
 * %SYS-5-CONFIG_I would. The payload names the device by its hostname, which anyone with CLI
 * access can change; the device's own secret (from the inventory, not the CLI) signs it too, so
 * the receiver can tell which device really sent it. Returns the unsubscribe function.
 */
export function wireDeviceEvents(state: DeviceState, webhooks: WebhookEmitter | undefined): () => void {
  if (!webhooks) return () => undefined;
  const own = state.spec.webhookSecret;
  return state.subscribe((event) => {
    if (event.type === 'interface') {
      webhooks.send(
        {
          event: event.up ? 'InterfaceUp' : 'InterfaceDown',
          device: state.hostname,
          interface: event.name,
          timestamp: event.at.toISOString(),
        },
        own,
      );
    } else if (event.type === 'config') {
      webhooks.send({ event: 'ConfigChange', device: state.hostname, timestamp: event.at.toISOString() }, own);
    }
  });
}
