/**
 * The list's search as you type. At 100,000 accounts a substring test of every account takes
 * longer than a frame, but typing mostly narrows: a query holding every word of the previous one
 * (and no other health) can only show some of what that one showed, so it looks at those alone;
 * and erasing goes back through queries already answered, kept for the list they were made from.
 */
import { filterAccounts, searchTerms, type AccountFilter, type ListedAccount } from './accountFilter';

/** Answers kept per list: a typed query and its erasure, with room to spare. */
const KEPT_ANSWERS = 32;

interface Answer {
  terms: string[];
  healths: ReadonlySet<string> | null;
  accounts: readonly ListedAccount[];
}

export class AccountSearch {
  /** Accounts looked at so far (for tests: a narrowing keystroke looks at fewer). */
  examined = 0;

  private list: readonly ListedAccount[] | null = null;
  private answers = new Map<string, Answer>();
  private last: Answer | null = null;

  /** filterAccounts(list, filter), from the narrowest answer kept that holds it. */
  filter(list: readonly ListedAccount[], filter: AccountFilter): readonly ListedAccount[] {
    if (list !== this.list) {
      this.list = list;
      this.answers.clear();
      this.last = null;
    }
    const terms = searchTerms(filter.query);
    if (terms.length === 0 && filter.healths.length === 0) return list;
    const healths = filter.healths.length > 0 ? new Set<string>(filter.healths) : null;
    const key = `${[...(healths ?? [])].sort().join(',')}\u0001${terms.join('\u0000')}`;
    let answer = this.answers.get(key);
    if (!answer) {
      const from = this.last && narrows({ terms, healths }, this.last) ? this.last.accounts : list;
      this.examined += from.length;
      answer = { terms, healths, accounts: filterAccounts(from, filter) };
      if (this.answers.size >= KEPT_ANSWERS) this.answers.clear();
      this.answers.set(key, answer);
    }
    this.last = answer;
    return answer.accounts;
  }
}

/** Whatever matches `next` matches `previous`: each earlier word is within a word now, and no health is added back. */
function narrows(next: Pick<Answer, 'terms' | 'healths'>, previous: Pick<Answer, 'terms' | 'healths'>): boolean {
  if (previous.healths !== null) {
    if (next.healths === null) return false;
    for (const health of next.healths) if (!previous.healths.has(health)) return false;
  }
  return previous.terms.every((word) => next.terms.some((term) => term.includes(word)));
}
