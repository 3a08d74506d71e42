// After the uploads: PostgreSQL against every client's local database, the ledger and the dead letters.
import { normalize } from './database.mjs';
import { check, checkEqual, section, show } from './report.mjs';

export async function verifyDatabase({ database, clients, users, ids, uploads }) {
  section('PostgreSQL against each client\'s local database');
  for (const client of clients) {
    checkEqual(`${client.name}: the upload queue is empty`, await client.queueSize(), 0);
  }

  // Rows a refused transaction touched differ between that client and the server by design: checked one by one below.
  // T2 was changed by two devices of alice: its expected state is computed below too.
  const contested = new Set([ids.T2]);
  const refused = (client) => new Set([...client.transactions.values()].filter((t) => t.outcome !== 'success').flatMap((t) => t.crud.map((e) => e.id)));
  const stored = { lists: new Set(), todos: new Set() };
  for (const client of clients) {
    const skip = refused(client);
    let same = 0;
    let deleted = 0;
    const differences = [];
    for (const table of ['lists', 'todos']) {
      const written = [...new Set([...client.transactions.values()].flatMap((t) => t.crud.filter((e) => e.table === table).map((e) => e.id)))]
        .filter((id) => !skip.has(id) && !contested.has(id));
      const server = await database.rows(table, written);
      for (const id of written) {
        const local = normalize(table, await client.row(table, id), 'sqlite');
        const remote = normalize(table, server.get(id), 'pg');
        if (show(local) !== show(remote)) differences.push({ table, id, local, remote });
        else if (local === null) deleted++;
        else {
          same++;
          stored[table].add(id);
        }
      }
    }
    check(`${client.name}: ${same} rows in PostgreSQL equal the local rows, ${deleted} deleted on both sides`, differences.length === 0, differences);
  }

  section('what the backend refused, and the row two devices changed');
  const alicePhone = clients.find((c) => c.name === 'alice-phone');
  const aliceTablet = clients.find((c) => c.name === 'alice-tablet');
  const todos = await database.rows('todos', [ids.T2, ids.T8, ids.T10]);
  const lists = await database.rows('lists', [ids.L1]);
  const phone = normalize('todos', await alicePhone.row('todos', ids.T2), 'sqlite');
  const tablet = normalize('todos', await aliceTablet.row('todos', ids.T2), 'sqlite');
  checkEqual('T2 holds the phone\'s description and the tablet\'s completion (the conflicting change was dropped)',
    normalize('todos', todos.get(ids.T2), 'pg'),
    { ...phone, completed: tablet.completed, completed_at: tablet.completed_at, completed_by: tablet.completed_by });
  stored.todos.add(ids.T2);
  check('bob\'s todo in alice\'s list was not stored', !todos.has(ids.T8));
  check('the 600-character todo was not stored', !todos.has(ids.T10));
  checkEqual('alice\'s list keeps alice\'s name (bob\'s rename was refused)', lists.get(ids.L1)?.name, (await alicePhone.row('lists', ids.L1)).name);
  checkEqual('alice\'s list is owned by alice', lists.get(ids.L1)?.owner_id, users.alice);
  checkEqual('PostgreSQL holds no other lists or todos of these users', await database.countOwned([users.alice, users.bob]),
    { lists: stored.lists.size, todos: stored.todos.size });

  section('exactly once: ledger, dead letters, writes');
  const refusals = clients.flatMap((c) => [...c.transactions.entries()].filter(([, t]) => t.outcome !== 'success')
    .map(([transaction, t]) => ({ user: c.userId, client: c.clientId, transaction, code: t.outcome })));
  const byClient = Object.fromEntries(clients.map((c) => [c.name, refusals.filter((r) => r.client === c.clientId).map((r) => r.code)]));
  checkEqual('the refusals are the ones the scenario provokes', byClient, {
    'alice-phone': [], 'alice-laptop': [], 'alice-tablet': ['CONFLICT'], 'bob-phone': ['UNAUTHORIZED'], 'bob-laptop': ['UNAUTHORIZED', 'VALIDATION_FAILED']
  });
  const order = (a, b) => `${a.client}:${a.transaction}`.localeCompare(`${b.client}:${b.transaction}`);
  const clientIds = clients.map((c) => c.clientId);
  checkEqual('each refused transaction is one dead letter, never two, even when sent again', (await database.deadLetters(clientIds)).sort(order), refusals.sort(order));
  const ledger = clients.map((c) => ({ user: c.userId, client: c.clientId, last: Math.max(...c.transactions.keys()) }))
    .sort((a, b) => a.client.localeCompare(b.client));
  checkEqual('the ledger holds each client\'s last uploaded transaction', await database.ledger(clientIds), ledger);
  const writes = uploads.expectedWrites();
  checkEqual(`PostgreSQL saw ${writes} row writes: one per applied entry, none twice`, await database.auditedWrites(), writes);
}
