// What the clients do: two users, five devices, both request shapes, lost answers, and writes the backend must refuse.
import crypto from 'node:crypto';
import { ProofClient } from './client.mjs';
import { checkEqual, section } from './report.mjs';
import { probeSplitBatch } from './splitProbe.mjs';
import { statuses, Uploads } from './uploads.mjs';
import { verifyDatabase } from './verify.mjs';

const uuid = () => crypto.randomUUID();
const at = (minute) => new Date(Date.UTC(2025, 5, 1, 9, minute, 0, 123)).toISOString();

const INSERT_LIST = 'INSERT INTO lists (id, created_at, name, owner_id) VALUES (?, ?, ?, ?)';
const INSERT_TODO = `INSERT INTO todos (id, list_id, created_at, description, created_by, completed, photo_id, _metadata)
                     VALUES (?, ?, ?, ?, ?, 0, ?, ?)`;
const COMPLETE_TODO = 'UPDATE todos SET completed = 1, completed_at = ?, completed_by = ? WHERE id = ?';

export async function runScenario({ backend, database, directory, users, config }) {
  const { alice, bob } = users;
  const clients = [];
  const open = async (name, user) => {
    const client = await ProofClient.open(name, user, backend, directory);
    clients.push(client);
    return client;
  };
  try {
    const alicePhone = await open('alice-phone', alice);
    const aliceLaptop = await open('alice-laptop', alice);
    const aliceTablet = await open('alice-tablet', alice);
    const bobPhone = await open('bob-phone', bob);
    const bobLaptop = await open('bob-laptop', bob);
    const uploads = new Uploads(database, clients);
    const ids = { L1: uuid(), L2: uuid(), L3: uuid(), L4: uuid(), L5: uuid() };
    for (const n of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]) ids[`T${n}`] = uuid();

    section('alice-phone: reference shape, every kind of write, one answer lost');
    await alicePhone.writeTransaction(async (tx) => {
      await tx.execute(INSERT_LIST, [ids.L1, at(0), 'Groceries', alice]);
      await tx.execute(INSERT_TODO, [ids.T1, ids.L1, at(1), 'Milk', alice, null, 'created on alice-phone']);
      await tx.execute(INSERT_TODO, [ids.T2, ids.L1, at(2), 'Bread', alice, uuid(), null]);
      await tx.execute(INSERT_TODO, [ids.T3, ids.L1, at(3), 'Eggs', alice, null, null]);
    });
    await alicePhone.execute(COMPLETE_TODO, [at(10), alice, ids.T1]);
    await alicePhone.execute('UPDATE todos SET description = ?, photo_id = NULL WHERE id = ?', ['Sourdough bread', ids.T2]);
    await alicePhone.execute('DELETE FROM todos WHERE id = ?', [ids.T3]);
    await alicePhone.writeTransaction(async (tx) => {
      await tx.execute(INSERT_LIST, [ids.L2, at(20), 'Work', alice]);
      await tx.execute(INSERT_TODO, [ids.T4, ids.L2, at(21), 'Write report', alice, null, null]);
      await tx.execute('UPDATE todos SET completed = 0, completed_at = NULL, completed_by = NULL WHERE id = ?', [ids.T1]);
      await tx.execute('UPDATE lists SET name = ? WHERE id = ?', ['Groceries 🛒 "weekly"', ids.L1]);
    });
    const first = await uploads.once(alicePhone, 'reference', { loseResponse: true });
    checkEqual('alice-phone: all five transactions succeed', statuses(first.responses[1]), Array(5).fill('success'));

    section('alice-tablet: a stale copy of a todo (conflict strategy: reject when previous values differ)');
    const [list1, todo2] = [await alicePhone.row('lists', ids.L1), await alicePhone.row('todos', ids.T2)];
    await aliceTablet.seedAsSynced(async (tx) => {
      await tx.execute(INSERT_LIST, [list1.id, list1.created_at, list1.name, list1.owner_id]);
      await tx.execute(INSERT_TODO, [todo2.id, todo2.list_id, todo2.created_at, todo2.description, todo2.created_by, null, null]);
    });
    await alicePhone.execute('UPDATE todos SET description = ? WHERE id = ?', ['Rye bread', ids.T2]);
    await alicePhone.execute('UPDATE todos SET description = ? WHERE id = ?', ['Write the report', ids.T4]);
    await alicePhone.writeTransaction(async (tx) => {
      // As the demo app does: a list's todos first, then the list.
      await tx.execute('DELETE FROM todos WHERE id = ?', [ids.T4]);
      await tx.execute('DELETE FROM lists WHERE id = ?', [ids.L2]);
    });
    await uploads.drain(alicePhone, 'reference');
    // The tablet still sees "Sourdough bread": changing the description conflicts; completing the todo does not.
    await aliceTablet.execute('UPDATE todos SET description = ? WHERE id = ?', ['Baguette', ids.T2]);
    await aliceTablet.execute(COMPLETE_TODO, [at(30), alice, ids.T2]);
    const stale = await uploads.drain(aliceTablet, 'reference', { loseResponse: true });
    checkEqual('alice-tablet: the stale change is refused as CONFLICT, the next transaction waits', statuses(stale[0].responses[0]), ['CONFLICT', 'not_attempted']);
    checkEqual('alice-tablet: sent again, the refusal counts as done and the change to another column applies', statuses(stale[0].responses[1]), ['success', 'success']);

    section('bob-phone: reference shape, a todo in alice\'s list is refused');
    await bobPhone.writeTransaction(async (tx) => {
      await tx.execute(INSERT_LIST, [ids.L4, at(40), 'Bob\'s list', bob]);
      await tx.execute(INSERT_TODO, [ids.T7, ids.L4, at(41), 'Call mum', bob, null, null]);
    });
    await bobPhone.execute(INSERT_TODO, [ids.T8, ids.L1, at(42), 'Sneaky', bob, null, null]);
    await bobPhone.execute('UPDATE todos SET description = ? WHERE id = ?', ['Call mum and dad', ids.T7]);
    const bobRounds = await uploads.drain(bobPhone, 'reference');
    checkEqual('bob-phone: the insert into alice\'s list is UNAUTHORIZED, the next transaction waits', statuses(bobRounds[0].responses[0]), ['success', 'UNAUTHORIZED', 'not_attempted']);
    checkEqual('bob-phone: the waiting transaction is sent again and succeeds', statuses(bobRounds[1].responses[0]), ['success']);

    section('alice-laptop: classic shape, one answer lost');
    await aliceLaptop.writeTransaction(async (tx) => {
      await tx.execute(INSERT_LIST, [ids.L3, at(50), 'Holiday', alice]);
      await tx.execute(INSERT_TODO, [ids.T5, ids.L3, at(51), 'Passport', alice, uuid(), 'created on alice-laptop']);
      await tx.execute(INSERT_TODO, [ids.T6, ids.L3, at(52), 'Sunscreen', alice, null, null]);
    });
    await aliceLaptop.execute(COMPLETE_TODO, [at(53), alice, ids.T5]);
    await aliceLaptop.execute('UPDATE todos SET photo_id = NULL, description = ? WHERE id = ?', ['Passport (renewed)', ids.T5]);
    await aliceLaptop.execute('UPDATE todos SET description = description WHERE id = ?', [ids.T6]); // an empty PATCH
    await aliceLaptop.execute('DELETE FROM todos WHERE id = ?', [ids.T6]);
    const classic = await uploads.once(aliceLaptop, 'classic', { loseResponse: true });
    checkEqual('alice-laptop: both sends of the batch answer 200', classic.responses.map((r) => r.status), [200, 200]);
    await aliceLaptop.writeTransaction(async (tx) => {
      await tx.execute(INSERT_TODO, [ids.T11, ids.L3, at(54), 'Tickets', alice, null, null]);
      await tx.execute('UPDATE lists SET name = ? WHERE id = ?', ['Holiday ☀️', ids.L3]);
    });
    await uploads.drain(aliceLaptop, 'classic');

    section('bob-laptop: classic shape, refusals in the middle of a batch');
    await bobLaptop.seedAsSynced(async (tx) => {
      const current = await alicePhone.row('lists', ids.L1);
      await tx.execute(INSERT_LIST, [current.id, current.created_at, current.name, current.owner_id]);
    });
    await bobLaptop.writeTransaction(async (tx) => {
      await tx.execute(INSERT_LIST, [ids.L5, at(55), 'Errands', bob]);
      await tx.execute(INSERT_TODO, [ids.T9, ids.L5, at(56), 'Post office', bob, null, null]);
    });
    await bobLaptop.execute('UPDATE lists SET name = ? WHERE id = ?', ['Hijacked', ids.L1]);
    await bobLaptop.execute(INSERT_TODO, [ids.T10, ids.L5, at(57), 'x'.repeat(600), bob, null, null]);
    await bobLaptop.execute(COMPLETE_TODO, [at(58), bob, ids.T9]);
    const bobClassic = await uploads.drain(bobLaptop, 'classic');
    checkEqual('bob-laptop: 503 while transactions wait behind a refusal, then 200', bobClassic.map((r) => r.responses[0].status), [503, 503, 200]);
    checkEqual('bob-laptop: renaming alice\'s list is UNAUTHORIZED', statuses(bobClassic[0].responses[0]), ['success', 'UNAUTHORIZED', 'not_attempted', 'not_attempted']);
    checkEqual('bob-laptop: a 600-character description is VALIDATION_FAILED', statuses(bobClassic[1].responses[0]), ['success', 'success', 'VALIDATION_FAILED', 'not_attempted']);
    checkEqual('bob-laptop: 503 answers say when to retry', typeof bobClassic[0].responses[0].headers.get('retry-after'), 'string');

    await verifyDatabase({ database, clients, users, ids, uploads });
    if (config.splitBatchProbe) {
      await probeSplitBatch({ backend, database, directory, alice, clients, uploads });
    }
  } finally {
    for (const client of clients) {
      await client.close().catch(() => {});
    }
  }
}
