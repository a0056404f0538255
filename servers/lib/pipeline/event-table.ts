import type { EventDefinition, EventHandler, ServerEvents } from './event-handler';

/** A server's events by name, aliases included: where dispatch finds the handler of an event. */
export interface EventTable {
  /** The definition for `name` (or an alias of it), else `anyEvent`, else undefined (ignored). */
  handlerFor(name: string): EventHandler | undefined;
  /** The names of the events the server acts on, for an ignored event's answer and GET /health. */
  supported: string[];
}

/**
 * Builds the table once, from the server's list of definitions. A Map, not an object: a name
 * like `constructor` or `toString` finds nothing inherited, it is just an unknown event.
 */
export function eventTable({ events, anyEvent }: ServerEvents): EventTable {
  const byName = new Map<string, EventDefinition>();
  for (const definition of events) {
    for (const name of [definition.name, ...(definition.aliases ?? [])]) {
      if (byName.has(name)) throw new Error(`Two event definitions answer ${name}.`);
      byName.set(name, definition);
    }
  }
  return { handlerFor: (name) => byName.get(name) ?? anyEvent, supported: events.map((e) => e.name) };
}
