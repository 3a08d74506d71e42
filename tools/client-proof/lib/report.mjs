// Assertions for the proof: each passing check prints one line and is counted; the first failing one stops the run.
import { isDeepStrictEqual, inspect } from 'node:util';

let passed = 0;

export class ProofFailure extends Error {}

export function passedCount() {
  return passed;
}

export function section(title) {
  console.log(`\n== ${title}`);
}

export function note(text) {
  console.log(`   . ${text}`);
}

export function check(name, condition, detail) {
  if (!condition) {
    throw new ProofFailure(detail === undefined ? name : `${name}: ${typeof detail === 'string' ? detail : show(detail)}`);
  }
  passed++;
  console.log(`  ok ${name}`);
}

export function checkEqual(name, actual, expected) {
  check(name, isDeepStrictEqual(actual, expected), `expected ${show(expected)}, got ${show(actual)}`);
}

export function show(value) {
  return inspect(value, { depth: 6, breakLength: Infinity, maxStringLength: 300 });
}
