// The backend's PostgreSQL database, read directly: rows, ledger, dead letters, and an audit of every row write made
// while the proof runs (a trigger of the proof's own, removed at the end), to show that nothing was applied twice.
import pg from 'pg';

// The columns compared, with how each travels: SQLite keeps text and integers, PostgreSQL has real types.
export const COLUMNS = {
  lists: { created_at: 'timestamp', name: 'text', owner_id: 'text' },
  todos: {
    created_at: 'timestamp', completed_at: 'timestamp', description: 'text', completed: 'boolean',
    created_by: 'text', completed_by: 'text', list_id: 'uuid', photo_id: 'uuid'
  }
};

export class ProofDatabase {
  constructor(client, auditSchema) {
    this.client = client;
    this.auditSchema = auditSchema;
  }

  static async connect(config, runId) {
    const client = new pg.Client(config);
    await client.connect();
    return new ProofDatabase(client, `client_proof_${runId}`);
  }

  query(sql, parameters) {
    return this.client.query(sql, parameters);
  }

  // Records every INSERT, UPDATE and DELETE of lists and todos rows from now on.
  async startAudit() {
    const s = this.auditSchema;
    await this.query(`
      CREATE SCHEMA ${s};
      CREATE TABLE ${s}.events (seq bigserial PRIMARY KEY, table_name text NOT NULL, op text NOT NULL, row_id uuid NOT NULL);
      CREATE FUNCTION ${s}.record() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO ${s}.events (table_name, op, row_id)
        VALUES (TG_TABLE_NAME, TG_OP, CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END);
        RETURN NULL;
      END $$;
      CREATE TRIGGER ${s} AFTER INSERT OR UPDATE OR DELETE ON public.lists FOR EACH ROW EXECUTE FUNCTION ${s}.record();
      CREATE TRIGGER ${s} AFTER INSERT OR UPDATE OR DELETE ON public.todos FOR EACH ROW EXECUTE FUNCTION ${s}.record();`);
  }

  async stopAudit() {
    // Dropping the function's schema drops the triggers that use it.
    await this.query(`DROP SCHEMA IF EXISTS ${this.auditSchema} CASCADE`);
  }

  async auditedWrites() {
    return Number((await this.query(`SELECT count(*) AS n FROM ${this.auditSchema}.events`)).rows[0].n);
  }

  async rows(table, ids) {
    const result = await this.query(`SELECT * FROM public.${table} WHERE id = ANY ($1::uuid[])`, [ids]);
    return new Map(result.rows.map((row) => [row.id, row]));
  }

  async countOwned(users) {
    const lists = await this.query('SELECT count(*) AS n FROM public.lists WHERE owner_id = ANY ($1)', [users]);
    const todos = await this.query('SELECT count(*) AS n FROM public.todos t JOIN public.lists l ON l.id = t.list_id WHERE l.owner_id = ANY ($1)', [users]);
    return { lists: Number(lists.rows[0].n), todos: Number(todos.rows[0].n) };
  }

  async ledger(clientIds) {
    const result = await this.query(
      'SELECT user_id, client_id, last_transaction_id FROM powersync.ledger WHERE client_id = ANY ($1) ORDER BY client_id',
      [clientIds]
    );
    return result.rows.map((r) => ({ user: r.user_id, client: r.client_id, last: Number(r.last_transaction_id) }));
  }

  async deadLetters(clientIds) {
    const result = await this.query(
      'SELECT user_id, client_id, transaction_id, error_code FROM powersync.dead_letters WHERE client_id = ANY ($1)',
      [clientIds]
    );
    return result.rows.map((r) => ({ user: r.user_id, client: r.client_id, transaction: Number(r.transaction_id), code: r.error_code }));
  }

  async close() {
    await this.client.end();
  }
}

// A row as comparable values: what the client's SQLite row and the server's PostgreSQL row must agree on.
export function normalize(table, row, source) {
  if (!row) return null;
  const out = {};
  for (const [column, kind] of Object.entries(COLUMNS[table])) {
    const value = row[column];
    if (value === null || value === undefined) {
      out[column] = null;
    } else if (kind === 'timestamp') {
      out[column] = (source === 'sqlite' ? new Date(value) : value).toISOString();
    } else if (kind === 'boolean') {
      out[column] = source === 'sqlite' ? Number(value) !== 0 : value;
    } else if (kind === 'uuid') {
      out[column] = String(value).toLowerCase();
    } else {
      out[column] = value;
    }
  }
  return out;
}
