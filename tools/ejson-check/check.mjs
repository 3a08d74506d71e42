// Reads canonical Extended JSON v2 documents, one per line, on stdin. For each, MongoDB's own bson package
// parses it (canonical mode), serializes it to BSON, reads the BSON back and prints it as canonical EJSON
// again; the line passes when that equals the input, compared as parsed JSON (object keys in any order,
// arrays in order). Prints "ok <n>" or "FAIL <n>: <reason>" per line and a closing "N passed, N failed".
// Exit code: 0 when every line passed, 1 otherwise.
import { createInterface } from 'node:readline';
import { BSON, EJSON } from 'bson';

// promoteValues: false keeps Int32, Long and Double as their own types; with the default promotion a
// {"$numberDouble": "2.0"} would come back as {"$numberInt": "2"} and the check could not see the types.
const readBack = { promoteValues: false, promoteLongs: false, promoteBuffers: false, bsonRegExp: true };

function same(left, right) {
  if (Array.isArray(left) || Array.isArray(right)) {
    return Array.isArray(left) && Array.isArray(right) && left.length === right.length && left.every((v, i) => same(v, right[i]));
  }
  if (left !== null && right !== null && typeof left === 'object' && typeof right === 'object') {
    const keys = Object.keys(left);
    return keys.length === Object.keys(right).length && keys.every(k => Object.hasOwn(right, k) && same(left[k], right[k]));
  }
  return left === right;
}

let passed = 0;
let failed = 0;
let line = 0;
for await (const text of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
  line += 1;
  if (text.trim() === '') {
    continue;
  }
  try {
    const input = JSON.parse(text);
    const bytes = BSON.serialize(EJSON.parse(text, { relaxed: false }));
    const output = EJSON.stringify(BSON.deserialize(bytes, readBack), { relaxed: false });
    if (same(input, JSON.parse(output))) {
      passed += 1;
      console.log(`ok ${line}`);
    } else {
      failed += 1;
      console.log(`FAIL ${line}: round trip gave ${output}`);
    }
  } catch (error) {
    failed += 1;
    console.log(`FAIL ${line}: ${error.message}`);
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
