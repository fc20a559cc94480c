import type { Migration } from './migration.ts';

// Order tags: why an order was placed, as its placer labelled it ("breakout", "rsi<30", "margin call";
// OrderTagSchema). Kept with the order so the journal, the orders table and a restart all still say it;
// NULL for orders without one and for every order placed before this.
export const orderTags: Migration = {
  version: 9,
  name: 'order-tags',
  up(db) {
    db.exec('ALTER TABLE orders ADD COLUMN tag TEXT');
  },
};
