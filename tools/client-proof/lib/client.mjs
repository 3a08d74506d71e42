// One real @powersync/node client: a local SQLite database with the to-do demo's schema, written to with SQL, whose
// upload queue is sent to the backend as a connector's uploadData() would, completing only what the backend processed.
// No PowerSync Service is involved: local writes land in the upload queue all the same.
import { column, PowerSyncDatabase, Schema, Table } from '@powersync/node';

// The to-do demo's schema. todos tracks previous values (the backend's conflict check reads them) and metadata.
export const AppSchema = new Schema({
  lists: new Table({ created_at: column.text, name: column.text, owner_id: column.text }),
  todos: new Table(
    {
      list_id: column.text,
      created_at: column.text,
      completed_at: column.text,
      description: column.text,
      created_by: column.text,
      completed_by: column.text,
      completed: column.integer,
      photo_id: column.text
    },
    { indexes: { list: ['list_id'] }, trackPrevious: true, trackMetadata: true }
  )
});

const MAX_TRANSACTIONS = 50; // the reference write API's limit per request

export class ProofClient {
  constructor(name, userId, backend, db, clientId) {
    this.name = name;
    this.userId = userId;
    this.backend = backend;
    this.db = db;
    this.clientId = clientId;
    // Everything this client uploaded, by transaction id: its entries and the first processed answer seen for it.
    this.transactions = new Map();
  }

  static async open(name, userId, backend, directory) {
    const db = new PowerSyncDatabase({ schema: AppSchema, database: { dbFilename: `${name}.db`, dbLocation: directory } });
    await db.init();
    return new ProofClient(name, userId, backend, db, await db.getClientId());
  }

  execute(sql, parameters = []) {
    return this.db.execute(sql, parameters);
  }

  writeTransaction(callback) {
    return this.db.writeTransaction(callback);
  }

  row(table, id) {
    return this.db.getOptional(`SELECT * FROM ${table} WHERE id = ?`, [id]);
  }

  async queueSize() {
    return (await this.db.get('SELECT count(*) AS n FROM ps_crud')).n;
  }

  // Local rows the server already has, as if the PowerSync Service had synced them down: written, then their queue
  // entries dropped without an upload.
  async seedAsSynced(callback) {
    if ((await this.queueSize()) !== 0) throw new Error(`${this.name}: seed before making local changes`);
    await this.db.writeTransaction(callback);
    await (await this.db.getNextCrudTransaction()).complete();
  }

  async authorization() {
    return `Bearer ${await this.backend.tokenFor(this.userId)}`;
  }

  // The reference write API: {"transactions":[…]} from getCrudTransactions(); completes the consecutive prefix of
  // transactions answered success or fatal_error (processed), and keeps the rest queued.
  // loseResponse: send the same body twice before completing anything, as after an answer lost on the way back.
  async uploadReference({ loseResponse = false } = {}) {
    const transactions = [];
    for await (const transaction of this.db.getCrudTransactions()) {
      transactions.push(transaction);
      if (transactions.length === MAX_TRANSACTIONS) break;
    }
    if (transactions.length === 0) return null;

    const body = { transactions: transactions.map(referenceTransaction) };
    const groups = transactions.map((t) => ({ id: t.transactionId, crud: t.crud }));
    const responses = [];
    for (let send = loseResponse ? 2 : 1; send > 0; send--) {
      responses.push(await this.#send(body, groups));
    }
    const last = responses.at(-1);
    let processed = 0;
    if (last.status === 200) {
      while (processed < last.json.results.length && isProcessed(last.json.results[processed])) processed++;
    }
    // Completing a transaction completes it and every earlier one the iterator returned.
    if (processed > 0) await transactions[processed - 1].complete();
    return { responses, processed, total: transactions.length };
  }

  // The classic shape: {"batch":[…]} of the JS SDK's CrudEntry.toJSON() entries from getCrudBatch(limit), which carry
  // op_id and tx_id. Classic connectors complete the whole batch on any 2xx and keep it otherwise.
  async uploadClassic({ loseResponse = false, limit = 100 } = {}) {
    const batch = await this.db.getCrudBatch(limit);
    if (!batch) return null;
    const body = { batch: batch.crud.map((entry) => entry.toJSON()) };
    const groups = groupByTransaction(batch.crud);
    const responses = [];
    for (let send = loseResponse ? 2 : 1; send > 0; send--) {
      responses.push(await this.#send(body, groups));
    }
    const ok = responses.at(-1).status >= 200 && responses.at(-1).status < 300;
    if (ok) await batch.complete();
    return { responses, processed: ok ? groups.length : 0, total: groups.length };
  }

  async #send(body, groups) {
    const response = await this.backend.upload(body, { authorization: await this.authorization(), clientId: this.clientId });
    const results = response.json?.results;
    if (!Array.isArray(results) || results.length !== groups.length) {
      throw new Error(`${this.name}: upload answered ${response.status} without one result per transaction: ${response.text}`);
    }
    groups.forEach((group, i) => this.#record(group, results[i]));
    return response;
  }

  // The first processed answer for a transaction is what happened to it; later ones are re-sends the ledger skipped.
  #record(group, result) {
    const known = this.transactions.get(group.id) ?? { crud: group.crud, outcome: null };
    this.transactions.set(group.id, known);
    if (known.outcome === null && isProcessed(result)) {
      known.outcome = result.status === 'success' ? 'success' : result.failed_operation.error_code;
    }
  }

  async close() {
    await this.db.close();
  }
}

function isProcessed(result) {
  return result.status === 'success' || (result.status === 'fatal_error' && !result.requires_client_handling);
}

function referenceTransaction(transaction) {
  return {
    transaction_id: transaction.transactionId,
    crud: transaction.crud.map((e) => {
      const entry = { id: e.id, op: e.op, table: e.table };
      if (e.opData !== undefined) entry.op_data = e.opData;
      if (e.previousValues !== undefined) entry.previous_values = e.previousValues;
      if (e.metadata !== undefined) entry.metadata = e.metadata;
      return entry;
    })
  };
}

// Consecutive entries with the same tx_id: one client transaction, as the backend groups a classic batch.
function groupByTransaction(crud) {
  const groups = [];
  for (const entry of crud) {
    if (groups.length > 0 && groups.at(-1).id === entry.transactionId) groups.at(-1).crud.push(entry);
    else groups.push({ id: entry.transactionId, crud: [entry] });
  }
  return groups;
}
