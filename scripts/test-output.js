// What a passing `npm test` must not print: the app's own log lines (electron-log's console format,
// "14:02:11.480 › Lobstr check failed…") and the blocks vitest prints when a test writes to the
// console ("stderr | tests/x.test.ts > a test"). Tests keep the app's log in its file; a line of it
// in the output means a logger with its console on, or a console call in code under test.
// Shared by scripts/test.js (which fails the run on such lines) and tests/integration/quietTests.test.ts.

// eslint-disable-next-line no-control-regex
const ANSI_CODES = /\x1b\[[0-9;]*[A-Za-z]/g;
// electron-log's console format is "{h}:{i}:{s}.{ms}{scope} › {text}" ('>' on Windows).
const APP_LOG_LINE = /^\s*\d{2}:\d{2}:\d{2}\.\d{3}(?: ?\([^)]*\))? [›>] /;
const TEST_CONSOLE_BLOCK = /^\s*(?:stdout|stderr) \| \S/;

/** The lines of `text` (ANSI colours removed) that are the app's log or a test's console output. */
export function strayOutputLines(text) {
  return text
    .replace(ANSI_CODES, '')
    .split(/\r?\n/)
    .filter((line) => APP_LOG_LINE.test(line) || TEST_CONSOLE_BLOCK.test(line));
}
