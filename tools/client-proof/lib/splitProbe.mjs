// Probe (on by default; POWERSYNC_PROOF_SPLIT_BATCH=0 turns it off): getCrudBatch(limit) may split one client transaction over two
// batches, as its documentation says. The second batch starts with the rest of a transaction whose id the ledger
// already recorded; every entry of it must still be applied.
import crypto from 'node:crypto';
import { ProofClient } from './client.mjs';
import { checkEqual, note, section } from './report.mjs';

export async function probeSplitBatch({ backend, database, directory, alice, clients, uploads }) {
  section('probe: a classic batch that splits a client transaction');
  const client = await ProofClient.open('alice-watch', alice, backend, directory);
  clients.push(client);
  const list = crypto.randomUUID();
  const todos = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
  await client.writeTransaction(async (tx) => {
    await tx.execute('INSERT INTO lists (id, created_at, name, owner_id) VALUES (?, ?, ?, ?)', [list, new Date().toISOString(), 'Split', alice]);
    for (const id of todos) {
      await tx.execute('INSERT INTO todos (id, list_id, created_at, description, created_by, completed) VALUES (?, ?, ?, ?, ?, 0)',
        [id, list, new Date().toISOString(), 'split', alice]);
    }
  });
  note('uploading one 4-entry transaction in batches of 2');
  await uploads.once(client, 'classic', { limit: 2 });
  await client.uploadClassic({ limit: 2 });
  checkEqual('every todo of the split transaction is stored', (await database.rows('todos', todos)).size, todos.length);
}
