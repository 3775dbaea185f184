/**
 * What Lobstr's documentation says about each account type (platform): shared by the health
 * rules' wording, the window and the simulator. Facts from the account_types documentation;
 * linkedin-sync is not documented there, its values are inferred from sales-nav-sync.
 */
export interface Platform {
  /** The API's `type` slug. */
  type: string;
  /** What a person calls it. */
  label: string;
  baseurl: string;
  account_type_hash: string;
  /** Cookie names Lobstr needs to sync an account of this type. */
  cookies: string[];
  /** Brand colour, as the API's `primary_color`. */
  primary_color: string;
}

export const PLATFORMS: readonly Platform[] = [
  {
    type: 'twitter-sync',
    label: 'X (Twitter)',
    baseurl: 'https://x.com',
    account_type_hash: '9853173fc00a940a33d7a420c176ad3b',
    cookies: ['auth_token', 'ct0'],
    primary_color: '#000000',
  },
  {
    type: 'linkedin-sync',
    label: 'LinkedIn',
    baseurl: 'https://www.linkedin.com',
    account_type_hash: '5b0e4f7f2d6c4a1e9a8b3c2d1e0f4a5b',
    cookies: ['li_at', 'JSESSIONID'],
    primary_color: '#0A66C2',
  },
  {
    type: 'sales-nav-sync',
    label: 'Sales Navigator',
    baseurl: 'https://www.linkedin.com',
    account_type_hash: 'cf67cafe03776e796f02a29f29ab2866',
    cookies: ['li_at', 'JSESSIONID', 'li_a'],
    primary_color: '#0073B1',
  },
  {
    type: 'facebook-sync',
    label: 'Facebook',
    baseurl: 'https://www.facebook.com',
    account_type_hash: '16f5b7f91e8fc533eab88be973273a02',
    cookies: ['c_user', 'xs'],
    primary_color: '#1877F2',
  },
];

const byType = new Map(PLATFORMS.map((p) => [p.type, p]));

export function platformOf(type: string): Platform | undefined {
  return byType.get(type);
}

/** "X (Twitter)" for twitter-sync; an unknown slug loses its "-sync" suffix ("instagram"). */
export function platformLabel(type: string): string {
  return byType.get(type)?.label ?? type.replace(/-sync$/, '');
}
