import { StreamSlots } from './stream-slots';

describe('StreamSlots', () => {
  it('gives each address its share and no more than the total, and a freed slot can be taken again', () => {
    const slots = new StreamSlots({ perAddress: 2, total: 3 });
    const a1 = slots.take('127.0.0.1');
    expect(a1).toBeDefined();
    expect(slots.take('127.0.0.1')).toBeDefined();
    expect(slots.take('127.0.0.1')).toBeUndefined(); // the address's share
    expect(slots.take('127.0.0.2')).toBeDefined();
    expect(slots.take('127.0.0.3')).toBeUndefined(); // the total
    a1!();
    a1!(); // freeing twice frees one slot
    expect(slots.take('127.0.0.3')).toBeDefined();
    expect(slots.take('127.0.0.4')).toBeUndefined();
  });
});
