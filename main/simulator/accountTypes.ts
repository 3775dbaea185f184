/**
 * The account types `GET /v1/account_types` lists (lobstr-api.md §2 E3 and §5.2): one per platform the
 * simulator serves, with the same id, icon and cookie names its accounts carry. Also what the sync
 * and update endpoints check a `type` and its cookies or limits against.
 */
import { PLATFORMS } from '../core/health/platforms.js';
import { salesNavDefaultParams, type RawCookie } from './accountFactory.js';
import { iconForType } from './platformIcons.js';

export interface RawAccountType {
  id: string;
  object: 'account_type';
  name: string;
  icon: string;
  /** What the docs call the platform ("Twitter", not "X (Twitter)"). */
  domain: string;
  /** The limits an account of this type can set (`POST /v1/accounts`); {} when it has none. */
  params: Record<string, unknown>;
  baseurl: string;
  /** Names only; an empty list would mean "every cookie of the session". */
  cookies: RawCookie[];
}

/** The `domain` of each documented type; linkedin-sync is not documented, "LinkedIn" is inferred. */
const DOMAINS: Readonly<Record<string, string>> = {
  'twitter-sync': 'Twitter',
  'linkedin-sync': 'LinkedIn',
  'sales-nav-sync': 'Sales Navigator',
  'facebook-sync': 'Facebook',
};

export const ACCOUNT_TYPE_LIST: readonly RawAccountType[] = PLATFORMS.map((p) => ({
  id: p.account_type_hash,
  object: 'account_type',
  name: p.type,
  icon: iconForType(p.type),
  domain: DOMAINS[p.type] ?? p.label,
  params: p.type === 'sales-nav-sync' ? salesNavDefaultParams() : {},
  baseurl: p.baseurl,
  cookies: p.cookies.map((name) => ({ name, required: true })),
}));

const byName = new Map(ACCOUNT_TYPE_LIST.map((t) => [t.name, t]));

export function accountTypeNamed(name: string): RawAccountType | undefined {
  return byName.get(name);
}
