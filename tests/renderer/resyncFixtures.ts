/** The account the re-sync box tests use: LinkedIn, cookies expired, two required cookies. */
import { accountWith } from '../fixtures/seedAccounts';

export const EXPIRED_LINKEDIN = accountWith({
  id: 'aa0000000000000000000000000000aa',
  username: 'lead.hunter@northwind.io',
  type: 'linkedin-sync',
  baseurl: 'https://www.linkedin.com',
  status_code_info: 'cookies_expired',
  cookies: [
    { name: 'li_at', required: true },
    { name: 'JSESSIONID', required: true },
  ],
});
