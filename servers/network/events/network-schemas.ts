import Joi from 'joi';
import { envelopeSchema, eventSchema } from '../../lib/pipeline/envelope-schema';
import { AppError } from '../../lib/errors';
import type { WebhookEvent } from '../../lib/pipeline/event-handler';
import { canonicalInterfaceName } from '../../../common/ios/ios-names';

// Stricter than the shared envelope: no space inside the name, and the type must be a real
// IOS interface type. The name will be part of a CLI command, so anything odd is refused here.
const interfaceName = Joi.string()
  .max(40)
  .custom((value: string, helpers) => (canonicalInterfaceName(value) === undefined ? helpers.error('string.interface') : value))
  .messages({ 'string.interface': '"interface" must be an IOS interface name like GigabitEthernet1, Gi1/0/1, Loopback0 or Vlan10' });

/**
 * NetworkDeviceCheck, ConfigChange: `device` optional (the default device), checked by the
 * envelope. The envelope itself, not `eventSchema({})`: joi's `.keys({})` drops every key rule.
 */
export const deviceEventSchema = envelopeSchema;

/** InterfaceDown, InterfaceUp: `interface` required and strict; `device` optional. */
export const interfaceEventSchema = eventSchema<{ interface: string }>({ interface: interfaceName.required() });

export type InterfaceEvent = WebhookEvent & { interface: string };

/** An interface name exactly in its canonical form (`GigabitEthernet2`): what a job may carry. */
export const canonicalInterface = Joi.string()
  .max(40)
  .custom((value: string, helpers) => (canonicalInterfaceName(value) === value ? value : helpers.error('string.interface')))
  .messages({ 'string.interface': '"interface" must be a canonical IOS interface name like GigabitEthernet1' });

/** The input of a task that looks at one interface (InterfaceUp). */
export const interfaceInput = Joi.object<{ interface: string }>({ interface: canonicalInterface.required() });

/**
 * The canonical name of the event's interface (`gi2` → `GigabitEthernet2`): only this is ever
 * put into a command. The schema refused every name without one, so the error cannot happen.
 */
export function interfaceOf(event: InterfaceEvent): string {
  const name = canonicalInterfaceName(event.interface);
  if (name === undefined) throw new AppError('VALIDATION_FAILED', '"interface" must be an IOS interface name like GigabitEthernet1');
  return name;
}
