// A fresh, empty inbox database per test (fake-indexeddb, see setup.ts), deleted afterwards.
import { afterEach, beforeEach } from 'vitest';
import { WebcareDb } from '../db/schema.ts';

let count = 0;

/** Registers beforeEach/afterEach hooks; call the returned function inside a test for the db. */
export function freshDbPerTest(prefix: string): () => WebcareDb {
  let db: WebcareDb | null = null;
  beforeEach(async () => {
    db = new WebcareDb(`${prefix}-${++count}-${Math.random()}`);
    await db.open();
  });
  afterEach(async () => {
    await db?.delete();
    db = null;
  });
  return () => {
    if (!db) throw new Error('freshDbPerTest: the database exists only inside a test');
    return db;
  };
}
