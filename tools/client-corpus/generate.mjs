// Generates a corpus of REAL PowerSync upload-queue entries (ps_crud) with @powersync/node.
//
// The database is opened without connecting to any PowerSync service: local writes still land
// in the upload queue, which is then read back with the client's own API (getCrudBatch,
// getCrudTransactions, getNextCrudTransaction) and written as JSON test fixtures.
//
// Usage: cd tools/client-corpus && npm ci && node generate.mjs
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { column, PowerSyncDatabase, Schema, Table } from '@powersync/node';

const here = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.resolve(here, '../../tests/PowerSync.Backend.Core.Tests/Corpus');

// Fixed ids and timestamps so the corpus is readable and stable. Only the client id changes
// between runs; op_id/tx_id restart at 1 for every fresh database.
const USER_ID = 'a0000000-0000-4000-8000-000000000001';
const LIST_ID = 'b0000000-0000-4000-8000-000000000001';
const TODO_1 = 'c0000000-0000-4000-8000-000000000001';
const TODO_2 = 'c0000000-0000-4000-8000-000000000002';
const TODO_3 = 'c0000000-0000-4000-8000-000000000003';
const TODO_4 = 'c0000000-0000-4000-8000-000000000004';

// Schema modelled on PowerSync's to-do demo. `todos` additionally has a real and a (large)
// integer column so the corpus shows how those value types travel.
const lists = new Table({
  created_at: column.text,
  name: column.text,
  owner_id: column.text
});

const todos = new Table(
  {
    list_id: column.text,
    created_at: column.text,
    completed_at: column.text,
    description: column.text,
    created_by: column.text,
    completed_by: column.text,
    completed: column.integer,
    photo_id: column.text,
    json_attributes: column.text,
    estimate_hours: column.real,
    revision: column.integer
  },
  {
    indexes: { list: ['list_id'] },
    // Option names as offered by @powersync/common 2.3.0 (TableOrRawTableOptions).
    trackPrevious: true,
    trackMetadata: true,
    ignoreEmptyUpdates: false
  }
);

const AppSchema = new Schema({ lists, todos });

const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'powersync-corpus-'));
const dbFilename = 'corpus.db';

const db = new PowerSyncDatabase({
  schema: AppSchema,
  database: { dbFilename, dbLocation: tmpDir }
});

try {
  await db.init();

  // tx 1: multi-statement transaction (several entries share one tx_id).
  //       PUT with metadata, unicode + quotes, JSON text, real, large integer, boolean 0.
  await db.writeTransaction(async (tx) => {
    await tx.execute('INSERT INTO lists (id, created_at, name, owner_id) VALUES (?, ?, ?, ?)', [
      LIST_ID,
      '2024-05-01T10:00:00.000Z',
      'Groceries',
      USER_ID
    ]);
    await tx.execute(
      `INSERT INTO todos (id, list_id, created_at, description, created_by, completed, photo_id,
                          json_attributes, estimate_hours, revision, _metadata)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        TODO_1,
        LIST_ID,
        '2024-05-01T10:01:00.000Z',
        'Café "crème" — l\'œuf 🥚 日本語 \\ back\\slash',
        USER_ID,
        0,
        'photo-0001',
        JSON.stringify({ tags: ['dairy', 'fresh'], priority: 2, nested: { ok: true } }),
        1.25,
        1234567890123,
        JSON.stringify({ device: 'node-corpus', reason: 'created' })
      ]
    );
    await tx.execute(
      `INSERT INTO todos (id, list_id, created_at, description, created_by, completed)
       VALUES (?, ?, ?, ?, ?, ?)`,
      [TODO_2, LIST_ID, '2024-05-01T10:02:00.000Z', 'Bread', USER_ID, 0]
    );
  });

  // tx 2: PATCH setting some columns, one of them to NULL (photo_id), boolean 1, with metadata.
  await db.execute(
    `UPDATE todos SET completed = ?, completed_at = ?, completed_by = ?, photo_id = NULL, _metadata = ?
     WHERE id = ?`,
    [1, '2024-05-01T11:00:00.000Z', USER_ID, 'completed-on-phone', TODO_1]
  );

  // tx 3: an UPDATE that changes nothing (empty PATCH, ignoreEmptyUpdates: false).
  await db.execute('UPDATE todos SET description = description WHERE id = ?', [TODO_2]);

  // tx 4: PATCH with a real number and a large integer.
  await db.execute('UPDATE todos SET estimate_hours = ?, revision = ? WHERE id = ?', [0.1, 9007199254740991, TODO_2]);

  // tx 5: DELETE (carries old values because todos tracks previous values).
  await db.execute('DELETE FROM todos WHERE id = ?', [TODO_2]);

  // tx 6: another multi-statement transaction mixing tables: PATCH on a table without
  //       previous-value tracking, a PUT without metadata whose real column holds an integral
  //       value (3.0 is stored as REAL but reaches JS as 3), a PUT then a delete-with-metadata
  //       (UPDATE ... SET _deleted = TRUE, _metadata = ...).
  await db.writeTransaction(async (tx) => {
    await tx.execute('UPDATE lists SET name = ? WHERE id = ?', ['Courses 🛒 "semaine"', LIST_ID]);
    await tx.execute(
      `INSERT INTO todos (id, list_id, created_at, description, created_by, completed, estimate_hours)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [TODO_3, LIST_ID, '2024-05-01T12:00:00.000Z', 'Milk', USER_ID, 0, 3.0]
    );
    await tx.execute(
      `INSERT INTO todos (id, list_id, created_at, description, created_by, completed)
       VALUES (?, ?, ?, ?, ?, ?)`,
      [TODO_4, LIST_ID, '2024-05-01T12:01:00.000Z', 'Eggs', USER_ID, 0]
    );
    await tx.execute('UPDATE todos SET _deleted = TRUE, _metadata = ? WHERE id = ?', ['deleted-by-user', TODO_4]);
  });

  // --- Read the upload queue back through the client API -------------------------------------
  const batch = await db.getCrudBatch(1000);
  if (!batch) throw new Error('upload queue is empty');
  if (batch.haveMore) throw new Error('batch limit too small');
  const entries = batch.crud;

  const transactions = [];
  for await (const tx of db.getCrudTransactions()) transactions.push(tx);

  const next = await db.getNextCrudTransaction();
  if (!next || next.transactionId !== transactions[0].transactionId || next.crud.length !== transactions[0].crud.length) {
    throw new Error('getNextCrudTransaction disagrees with getCrudTransactions');
  }
  const txEntryCount = transactions.reduce((n, t) => n + t.crud.length, 0);
  if (txEntryCount !== entries.length) {
    throw new Error(`transactions hold ${txEntryCount} entries, batch holds ${entries.length}`);
  }

  const clientId = await db.getClientId();

  // 1. Bare array: JSON.stringify of each CrudEntry (uses CrudEntry.toJSON()).
  const nodeEntries = '[\n' + entries.map((e) => '  ' + JSON.stringify(e)).join(',\n') + '\n]\n';

  // 2. Classic demo connector shape (powersync-js demos/example-node connector):
  //    entries.push({ table: op.table, op: op.op, id: op.id, data: op.opData }); body { batch: entries }.
  //    Serialised through JSON.stringify, so an absent opData (DELETE) disappears as it would on the wire.
  const classic = JSON.parse(
    JSON.stringify({ batch: entries.map((op) => ({ table: op.table, op: op.op, id: op.id, data: op.opData })) })
  );

  // 3. Reference write API body (powersync-reference-write-implementation OpenAPI): one element
  //    per client transaction, in order; absent fields omitted.
  const reference = {
    transactions: transactions.map((t) => {
      const out = {};
      if (t.transactionId != null) out.transaction_id = t.transactionId;
      out.crud = t.crud.map((e) => {
        const c = { id: e.id, op: e.op, table: e.table };
        if (e.opData !== undefined) c.op_data = e.opData;
        if (e.previousValues !== undefined) c.previous_values = e.previousValues;
        if (e.metadata !== undefined) c.metadata = e.metadata;
        if (e.transactionId != null) c.transaction_id = e.transactionId;
        return c;
      });
      return out;
    })
  };

  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'node-entries.json'), nodeEntries);
  fs.writeFileSync(path.join(outDir, 'classic-batch.json'), JSON.stringify(classic, null, 2) + '\n');
  fs.writeFileSync(path.join(outDir, 'reference-transactions.json'), JSON.stringify(reference, null, 2) + '\n');
  fs.writeFileSync(path.join(outDir, 'client-id.txt'), clientId + '\n');

  console.log(`client id: ${clientId}`);
  console.log(`${entries.length} entries in ${transactions.length} transactions written to ${outDir}`);
} finally {
  await db.close();
  fs.rmSync(tmpDir, { recursive: true, force: true });
}
