/**
 * Deterministic, realistic Lobstr account objects, exactly as `GET /v1/accounts` sends them.
 *
 * The same (count, seed, now) always gives the same JSON. Ids, usernames, types, health and squids
 * depend on the seed only; the time fields are placed relative to `now` (floored to the second), so a
 * simulator started later shows the same accounts with fresh-looking dates.
 *
 * Health mix (for 10 accounts or more each kind appears at least once): mostly healthy, some
 * `cookies_expired` (one of them still reading "Success!", as seen in the wild), some status "401" and
 * "429", a few locked (mostly LinkedIn and Sales Navigator), a few Sales Navigator accounts that hit
 * their daily limit (`resets_in`), and one or two with an unexpected status ("attention").
 */
import { PLATFORMS, platformOf } from '../core/health/platforms.js';
import { iconForType } from './platformIcons.js';
import { deriveSeed, seededRandom, type SeededRandom } from './seededRandom.js';

export interface RawSquid {
  name: string;
  hash_value: string;
}

export interface RawCookie {
  name: string;
  required: boolean;
}

/** One account as the API serialises it (field order follows Lobstr's documentation). */
export interface RawAccount {
  id: string;
  object: 'account';
  username: string;
  created_at: string;
  last_synchronization_time: string;
  status: string;
  status_code_info: string;
  status_code_description: string;
  type: string;
  params: { default: Record<string, unknown>; user: Record<string, unknown> };
  updated_at: string | null;
  account_type_hash: string;
  squids: RawSquid[];
  baseurl: string;
  cookies: RawCookie[];
  icon: string;
  primary_color: string;
  lock_time: number | null;
  resets_in: number | null;
}

export type HealthProfile =
  | 'healthy'
  | 'cookies_expired'
  | 'expired_but_success'
  | 'status_401'
  | 'status_429'
  | 'locked'
  | 'limit_reached'
  | 'attention';

export interface MakeAccountOptions {
  createdAtMs: number;
  /** The clock the account's times are relative to; defaults to the factory's reference time. */
  nowMs?: number;
  type?: string;
  health?: HealthProfile;
}

export interface AccountFactory {
  make(options: MakeAccountOptions): RawAccount;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Share of each unhealthy kind; the rest is healthy. */
const HEALTH_SHARES: readonly (readonly [HealthProfile, number])[] = [
  ['cookies_expired', 0.05],
  ['expired_but_success', 0.01],
  ['status_401', 0.03],
  ['status_429', 0.02],
  ['locked', 0.04],
  ['limit_reached', 0.03],
  ['attention', 0.01],
];
const HEALTH_ORDER: readonly HealthProfile[] = ['healthy', ...HEALTH_SHARES.map(([h]) => h)];

const TYPE_WEIGHTS: readonly (readonly [string, number])[] = [
  ['twitter-sync', 0.3],
  ['linkedin-sync', 0.3],
  ['sales-nav-sync', 0.25],
  ['facebook-sync', 0.15],
];

const SQUID_NAMES: Readonly<Record<string, readonly string[]>> = {
  'twitter-sync': ['Twitter User Tweets Scraper', 'Twitter Search Export', 'X Profile Followers Scraper'],
  'linkedin-sync': ['LinkedIn Profile Scraper', 'LinkedIn Company Employees Export', 'LinkedIn Post Commenters'],
  'sales-nav-sync': [
    'Sales Navigator Leads Search Export',
    'Sales Navigator Accounts Search Export',
    'Sales Navigator Lead Enrichment',
  ],
  'facebook-sync': ['Facebook Groups Members Scraper', 'Facebook Page Posts Scraper', 'Facebook Marketplace Listings'],
};

const FIRST_NAMES = [
  'Alice', 'Bruno', 'Chloé', 'David', 'Emma', 'Farid', 'Grace', 'Hugo', 'Inès', 'Jonas', 'Karim', 'Léa',
  'Marco', 'Nadia', 'Oscar', 'Priya', 'Quentin', 'Rosa', 'Sami', 'Tara', 'Ugo', 'Vera', 'Wei', 'Yasmine',
  'Zoë', 'José', 'Hannah', 'Lucas', 'Mei', 'Olivia',
] as const;
const LAST_NAMES = [
  'Martin', 'Dubois', 'Schmidt', 'Rossi', 'Garcia', 'Nguyen', 'Kowalski', 'Haddad', 'Okafor', 'Johansson',
  'Moreau', 'Silva', 'Müller', 'Tanaka', 'Bernard', 'Fischer', 'Lefèvre', 'Costa', 'Novak', 'Petit',
] as const;
const HANDLE_WORDS = [
  'Mister', 'Debugger', 'Growth', 'Hacker', 'Data', 'Ninja', 'Pixel', 'Lead', 'Scout', 'Cloud', 'Byte',
  'Signal', 'Market', 'Wizard', 'Tiny', 'Loop', 'Ship', 'Maker',
] as const;
/** Lower-case names without accents, for handles and email addresses ("Zoë" -> "zoe"). */
const ASCII_NAMES = new Map<string, string>(
  [...FIRST_NAMES, ...LAST_NAMES].map((n) => [n, n.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()]),
);
const ascii = (name: string): string => ASCII_NAMES.get(name) ?? name.toLowerCase();
const EMAIL_DOMAINS = ['gmail.com', 'outlook.com', 'proton.me', 'northwind.io', 'acme-growth.com', 'yahoo.fr'] as const;

/** `params.default` of a sales-nav-sync account, and its type's `params`: the limits (lobstr-api.md §5.2). */
export function salesNavDefaultParams(): Record<string, unknown> {
  return {
    batch: { max: 20, default: 20, attribute: 'profiles', description: 'Number of profiles visited per launch' },
    profiles: { max: 150, default: 150, description: 'Maximum number of profile requests per day' },
    searches: { max: 200, default: 200, description: 'Maximum number of searches per day' },
    batch_hours: { max: 2, default: 2, description: 'Hours between each launch during a day' },
  };
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/**
 * ISO 8601 with `Z` and no milliseconds, as Lobstr writes its dates. Computed from the day count
 * (the civil-from-days algorithm) rather than through Date, because 100,000 accounts need 300,000 of them.
 */
export function isoSeconds(ms: number): string {
  const totalSeconds = Math.floor(ms / SECOND);
  const days = Math.floor(totalSeconds / 86_400);
  const secondOfDay = totalSeconds - days * 86_400;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const hh = Math.floor(secondOfDay / 3600);
  const mm = Math.floor((secondOfDay % 3600) / 60);
  const ss = secondOfDay % 60;
  return `${year}-${pad2(month)}-${pad2(day)}T${pad2(hh)}:${pad2(mm)}:${pad2(ss)}Z`;
}

/** "18/07/2022 21:47:09": the dd/mm/yyyy form of `params.user.batch.last_batch_at` (UTC). */
function ddmmyyyy(ms: number): string {
  const d = new Date(ms);
  const p = (n: number): string => String(n).padStart(2, '0');
  return (
    `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ` +
    `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`
  );
}

function weightedType(rng: SeededRandom): string {
  let r = rng.next();
  for (const [type, weight] of TYPE_WEIGHTS) {
    if (r < weight) return type;
    r -= weight;
  }
  return 'twitter-sync';
}

function usernameFor(type: string, rng: SeededRandom): string {
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  const email = (): string => `${ascii(first)}.${ascii(last)}${rng.chance(0.3) ? rng.int(1, 99) : ''}@${rng.pick(EMAIL_DOMAINS)}`;
  switch (type) {
    case 'twitter-sync': {
      const style = rng.int(0, 3);
      if (style === 0) return `${rng.pick(HANDLE_WORDS)}${rng.pick(HANDLE_WORDS)}`;
      if (style === 1) return `${ascii(first)}_${ascii(last)}`;
      if (style === 2) return `${rng.pick(HANDLE_WORDS)}${ascii(first)}${rng.int(1, 999)}`;
      return `${ascii(first)}${ascii(last).slice(0, 3)}${rng.int(10, 99)}`;
    }
    case 'linkedin-sync':
    case 'sales-nav-sync':
      return rng.chance(0.75) ? email() : `${first} ${last}`;
    default:
      return rng.chance(0.5) ? `${first} ${last}` : email();
  }
}

interface HealthFields {
  status: string;
  status_code_info: string;
  status_code_description: string;
}

function healthFields(health: HealthProfile, rng: SeededRandom): HealthFields {
  switch (health) {
    case 'cookies_expired':
      return {
        status: '200',
        status_code_info: 'cookies_expired',
        status_code_description: 'Cookies expired, please synchronize the account again.',
      };
    case 'expired_but_success':
      return { status: '200', status_code_info: 'cookies_expired', status_code_description: 'Success!' };
    case 'status_401':
      return rng.chance(0.5)
        ? { status: '401', status_code_info: 'cookies_expired', status_code_description: 'Cookies expired.' }
        : { status: '401', status_code_info: 'logged_out', status_code_description: 'The account was logged out.' };
    case 'status_429':
      return {
        status: '429',
        status_code_info: 'account_too_many_requests',
        status_code_description: 'Too many requests: the platform is rate-limiting this account.',
      };
    case 'attention':
      return {
        status: '403',
        status_code_info: 'checkpoint_reached',
        status_code_description: 'Checkpoint reached: log in on the platform to confirm it is you.',
      };
    default:
      return { status: '200', status_code_info: 'synchronized', status_code_description: 'Success!' };
  }
}

function needsOldSync(health: HealthProfile): boolean {
  return (
    health === 'cookies_expired' || health === 'expired_but_success' || health === 'status_401' || health === 'status_429'
  );
}

/** A shared pool of squids per account type, so several accounts name the same squid. */
function buildSquidPools(seed: number, expectedCount: number): Map<string, RawSquid[]> {
  const rng = seededRandom(deriveSeed(seed, 0));
  const size = Math.min(120, Math.max(3, Math.ceil(expectedCount / 12)));
  const pools = new Map<string, RawSquid[]>();
  for (const [type, names] of Object.entries(SQUID_NAMES)) {
    const pool: RawSquid[] = [];
    for (let k = 0; k < size; k++) {
      const copy = Math.floor(k / names.length) + 1;
      const base = names[k % names.length] ?? 'Scraper';
      pool.push({ name: copy > 1 ? `${base} (${copy})` : base, hash_value: rng.hex32() });
    }
    pools.set(type, pool);
  }
  return pools;
}

function pickSquids(pool: readonly RawSquid[] | undefined, rng: SeededRandom): RawSquid[] {
  if (!pool || pool.length === 0) return [];
  const r = rng.next();
  const wanted = Math.min(pool.length, r < 0.25 ? 0 : r < 0.7 ? 1 : r < 0.9 ? 2 : 3);
  const chosen = new Set<number>();
  while (chosen.size < wanted) chosen.add(rng.int(0, pool.length - 1));
  return [...chosen].sort((a, b) => a - b).map((i) => ({ ...(pool[i] as RawSquid) }));
}

function salesNavParams(
  rng: SeededRandom,
  nowMs: number,
  lastSyncMs: number,
  limitReached: boolean,
): RawAccount['params'] {
  const todayMidnight = Math.floor(nowMs / DAY) * (DAY / SECOND);
  const batchMax = rng.pick([10, 15, 20]);
  const profilesMax = rng.pick([80, 100, 120, 150]);
  const searchesMax = rng.pick([100, 150, 200]);
  return {
    default: salesNavDefaultParams(),
    user: {
      batch: {
        max: batchMax,
        current: rng.int(0, batchMax),
        default: 20,
        attribute: 'profiles',
        start_time: null,
        last_batch_at: ddmmyyyy(Math.max(lastSyncMs, nowMs - rng.int(5, 180) * MINUTE)),
      },
      profiles: {
        max: profilesMax,
        value: limitReached ? profilesMax : rng.int(0, profilesMax - 1),
        default: 150,
        timestamp: todayMidnight,
        start_time: null,
      },
      searches: {
        max: searchesMax,
        value: rng.int(0, searchesMax - 1),
        default: 200,
        timestamp: todayMidnight,
        start_time: null,
      },
      batch_hours: {
        max: 2,
        value: rng.pick([1, 2]),
        default: 2,
        description: 'Hours between each launch during a day',
      },
    },
  };
}

/**
 * An account maker bound to a seed and a reference time. `stream` separates independent sequences
 * (the generated list, accounts added later) that still share the same squid pools.
 */
export function createAccountFactory(seed: number, nowMs: number, expectedCount: number, stream = 1): AccountFactory {
  const refMs = Math.floor(nowMs / SECOND) * SECOND;
  const rng = seededRandom(deriveSeed(seed, stream));
  const pools = buildSquidPools(seed, expectedCount);
  return {
    make(options: MakeAccountOptions): RawAccount {
      const now = Math.floor((options.nowMs ?? refMs) / SECOND) * SECOND;
      const health = options.health ?? 'healthy';
      let type = options.type ?? weightedType(rng);
      if (options.type === undefined) {
        if (health === 'limit_reached') type = 'sales-nav-sync';
        else if (health === 'locked' && (type === 'twitter-sync' || type === 'facebook-sync') && rng.chance(0.85)) {
          type = rng.chance(0.5) ? 'linkedin-sync' : 'sales-nav-sync';
        }
      }
      const platform = platformOf(type);
      const id = rng.hex32();
      const username = usernameFor(type, rng);
      const createdMs = Math.min(options.createdAtMs, now - MINUTE);
      const syncAge = needsOldSync(health) ? rng.int(3 * 86_400, 45 * 86_400) * SECOND : rng.int(300, 72 * 3600) * SECOND;
      const lastSyncMs = Math.min(now, Math.max(createdMs + MINUTE, now - syncAge));
      const updatedAt = rng.chance(0.4) ? null : isoSeconds(createdMs + rng.next() * (lastSyncMs - createdMs));
      const params =
        type === 'sales-nav-sync'
          ? salesNavParams(rng, now, lastSyncMs, health === 'limit_reached')
          : { default: {}, user: {} };
      const nextMidnightMs = (Math.floor(now / DAY) + 1) * DAY;
      return {
        id,
        object: 'account',
        username,
        created_at: isoSeconds(createdMs),
        last_synchronization_time: isoSeconds(lastSyncMs),
        ...healthFields(health, rng),
        type,
        params,
        updated_at: updatedAt,
        account_type_hash: platform?.account_type_hash ?? rng.hex32(),
        squids: pickSquids(pools.get(type), rng),
        baseurl: platform?.baseurl ?? '',
        cookies: (platform?.cookies ?? []).map((name) => ({ name, required: true })),
        icon: iconForType(type),
        primary_color: platform?.primary_color ?? '#6B7280',
        lock_time: health === 'locked' ? now / SECOND + rng.int(10, 240) * 60 : null,
        resets_in: health === 'limit_reached' ? Math.max(60, Math.round((nextMidnightMs - now) / SECOND)) : null,
      };
    },
  };
}

/** The health of each of `count` accounts: the shares above (at least one of each from 10 accounts), shuffled. */
function healthDeck(count: number, rng: SeededRandom): Uint8Array {
  const deck = new Uint8Array(count);
  let at = 0;
  HEALTH_SHARES.forEach(([, share], i) => {
    const n = Math.min(count - at, Math.max(count >= 10 ? 1 : 0, Math.floor(count * share)));
    deck.fill(i + 1, at, at + n);
    at += n;
  });
  for (let i = count - 1; i > 0; i--) {
    const j = rng.int(0, i);
    const t = deck[i] as number;
    deck[i] = deck[j] as number;
    deck[j] = t;
  }
  return deck;
}

/**
 * `count` accounts in ascending `created_at` order (the order the API lists them in), created over the
 * two years before `nowMs` minus a day. Pure: the same arguments give the same objects.
 */
export function generateAccounts(count: number, seed: number, nowMs: number): RawAccount[] {
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`account count must be a whole number >= 0, got ${count}`);
  const refMs = Math.floor(nowMs / SECOND) * SECOND;
  const factory = createAccountFactory(seed, refMs, count);
  const deck = healthDeck(count, seededRandom(deriveSeed(seed, 7)));
  const placement = seededRandom(deriveSeed(seed, 8));
  const span = 730 * DAY;
  const start = refMs - DAY - span;
  const step = count > 0 ? span / count : span;
  const accounts = new Array<RawAccount>(count);
  for (let i = 0; i < count; i++) {
    const createdAtMs = start + i * step + placement.next() * step * 0.9;
    accounts[i] = factory.make({ createdAtMs, health: HEALTH_ORDER[deck[i] ?? 0] ?? 'healthy' });
  }
  return accounts;
}

/** The account types the factory knows (the documented ones). */
export const ACCOUNT_TYPES: readonly string[] = PLATFORMS.map((p) => p.type);
