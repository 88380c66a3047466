// A jest run that declared no suites would also exit 0: require that the kit's suites ran.
const results = require('./jest-results.json');
const MIN_TESTS = 20;
if (results.numFailedTests !== 0 || results.numPassedTests < MIN_TESTS) {
  console.error(
    `expected at least ${MIN_TESTS} passing conformance tests and none failing; got ` +
      `${results.numPassedTests} passed, ${results.numFailedTests} failed`,
  );
  process.exit(1);
}
console.log(`testing-jest: ${results.numPassedTests} conformance tests passed under jest`);
