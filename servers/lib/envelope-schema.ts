import Joi from 'joi';
import type { WebhookEvent } from './event-handler';

/** IOS interface names: a type word then slot/port numbers, e.g. GigabitEthernet1, Gi1/0/1, Vlan10. */
export const INTERFACE_NAME = /^[A-Za-z][A-Za-z-]{1,30}\s?\d{1,4}(\/\d{1,4}){0,3}(\.\d{1,5})?$/;
/** IOS hostnames: at most 16 characters, a letter first. */
export const DEVICE_NAME = /^[A-Za-z][A-Za-z0-9-]{0,15}$/;

/**
 * The envelope every event shares: `event` is required; the lab's common fields are checked
 * when present; anything else is allowed (senders add their own fields).
 */
export const envelopeSchema = Joi.object<WebhookEvent>({
  event: Joi.string().trim().min(1).max(64).pattern(/^[A-Za-z][A-Za-z0-9_.:-]*$/).required()
    .messages({ 'string.pattern.base': '"event" must be a name like InterfaceDown' }),
  device: Joi.string().pattern(DEVICE_NAME).messages({ 'string.pattern.base': '"device" must be a hostname of at most 16 characters' }),
  interface: Joi.string().pattern(INTERFACE_NAME).messages({ 'string.pattern.base': '"interface" must be an interface name like GigabitEthernet1' }),
  timestamp: Joi.string().isoDate(),
}).unknown(true);

/**
 * Adds an event's own fields to the envelope (none: the envelope itself, rules intact). `Fields`
 * names their types, and joi's types hold each field's schema to its type (a `Joi.string()` for
 * a string): `eventSchema<{ term?: string }>({ term: Joi.string() })` validates `term` and gives
 * the handler a payload whose `term` is a `string | undefined`.
 */
export function eventSchema<Fields extends object = object>(keys?: Joi.StrictSchemaMap<Required<Fields>>): Joi.ObjectSchema<WebhookEvent & Fields> {
  const schema = keys === undefined || Object.keys(keys).length === 0 ? envelopeSchema : envelopeSchema.keys(keys);
  return schema as Joi.ObjectSchema<WebhookEvent & Fields>;
}
