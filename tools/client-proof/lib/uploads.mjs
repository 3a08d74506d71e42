// Uploading a client's queue and checking, after every request, that PostgreSQL saw exactly the writes the backend
// reported as newly applied: a re-sent upload must not write anything again.
import { check, checkEqual, note } from './report.mjs';

export class Uploads {
  constructor(database, clients) {
    this.database = database;
    this.clients = clients;
  }

  // Row writes PostgreSQL must have seen: one per entry of every transaction whose first processed answer was success
  // (an empty PATCH writes nothing; refused transactions write nothing).
  expectedWrites() {
    let writes = 0;
    for (const client of this.clients) {
      for (const transaction of client.transactions.values()) {
        if (transaction.outcome !== 'success') continue;
        for (const entry of transaction.crud) {
          writes += entry.op === 'PATCH' && Object.keys(entry.opData ?? {}).length === 0 ? 0 : 1;
        }
      }
    }
    return writes;
  }

  async once(client, shape, options = {}) {
    const round = shape === 'reference' ? await client.uploadReference(options) : await client.uploadClassic(options);
    if (round === null) throw new Error(`${client.name}: nothing to upload`);
    for (const [i, response] of round.responses.entries()) {
      const lost = i < round.responses.length - 1 ? ' (answer lost)' : '';
      note(`${client.name} ${shape}: ${response.status} ${describe(response.json.results)}${lost}`);
    }
    note(`${client.name}: completed ${round.processed} of ${round.total} transaction(s)`);
    if (round.responses.length === 2) {
      checkLostAnswer(client, round.responses);
    }
    checkEqual(`${client.name}: PostgreSQL saw each newly applied write exactly once`, await this.database.auditedWrites(), this.expectedWrites());
    return round;
  }

  // Uploads until the client's queue is empty, as the SDK calls uploadData() again while work is queued.
  async drain(client, shape, options = {}) {
    const rounds = [];
    while ((await client.queueSize()) > 0) {
      if (rounds.length === 5) throw new Error(`${client.name}: queue not empty after 5 uploads`);
      rounds.push(await this.once(client, shape, rounds.length === 0 ? options : {}));
    }
    return rounds;
  }
}

// The re-sent body gets the same answer for everything the lost one processed: success, as already applied.
function checkLostAnswer(client, [lost, resent]) {
  const processedBefore = lost.json.results.map((r) => r.status === 'success' || r.status === 'fatal_error');
  check(
    `${client.name}: the re-sent upload reports every transaction the lost answer covered as done`,
    resent.json.results.every((r, i) => !processedBefore[i] || r.status === 'success'),
    resent.json.results
  );
}

export function describe(results) {
  return results.map((r) => (r.status === 'fatal_error' ? `fatal_error(${r.failed_operation.error_code})` : r.status)).join(', ');
}

export function statuses(response) {
  return response.json.results.map((r) => (r.status === 'fatal_error' ? r.failed_operation.error_code : r.status));
}
