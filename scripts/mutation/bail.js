/**
 * Whether the mutant now under test is already killed. Shared, in one Stryker test runner process,
 * by the Jest environment (which marks a kill and skips the rest of a test file) and the Jest
 * runner (which then skips the remaining test files without loading them). Stryker's jest runner
 * cannot bail by itself: it sets `bail: false`, because Jest's bail exits the process.
 * The dry run has no active mutant and is never cut short, so the coverage map stays complete.
 */
'use strict';

const ACTIVE_MUTANT = '__STRYKER_ACTIVE_MUTANT__';
let killedMutant;

function activeMutant() {
  return process.env[ACTIVE_MUTANT];
}

function markKilled() {
  if (activeMutant() !== undefined) killedMutant = activeMutant();
}

function alreadyKilled() {
  return activeMutant() !== undefined && activeMutant() === killedMutant;
}

module.exports = { activeMutant, alreadyKilled, markKilled };
