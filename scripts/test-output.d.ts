// Types for scripts/test-output.js, used by the tests.

export function strayOutputLines(text: string): string[];
