import { renderItem } from './render-trace.js';

/**
 * A list of requests, newest first: a trace that arrives again (a job still running added
 * steps) replaces its earlier copy and stays open if it was; a trace replaces the journal entry
 * of the same event; past `max` items the oldest go.
 */
export class ItemList {
  constructor(ol, { actions, max = 500, matches = () => true } = {}) {
    this.ol = ol;
    this.actions = actions;
    this.max = max;
    this.matches = matches;
    this.nodes = new Map();
  }

  clear() {
    this.ol.replaceChildren();
    this.nodes.clear();
  }

  get size() {
    return this.nodes.size;
  }

  upsert(item) {
    const node = renderItem(item, this.actions);
    const key = node.dataset.key;
    const existing = this.nodes.get(key);
    if (existing) {
      if (existing.querySelector('details')?.open) node.querySelector('details').open = true;
      existing.replaceWith(node);
    } else {
      if (item.kind === 'trace' && item.event_id) this.remove(`journal-${item.event_id}`);
      this.ol.prepend(node);
      while (this.nodes.size >= this.max && this.ol.lastElementChild) this.remove(this.ol.lastElementChild.dataset.key);
    }
    this.nodes.set(key, node);
    node.hidden = !this.matches(node);
    return node;
  }

  remove(key) {
    this.nodes.get(key)?.remove();
    this.nodes.delete(key);
  }

  refilter() {
    for (const node of this.nodes.values()) node.hidden = !this.matches(node);
  }
}
