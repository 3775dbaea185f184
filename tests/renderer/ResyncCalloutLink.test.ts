// @vitest-environment jsdom
/**
 * The re-sync box's written steps name the Lobstr dashboard as a real link, which the app opens in
 * the browser (main/electron/window.ts lets Lobstr's own https sites through, nothing else).
 */
import { render, screen } from '@testing-library/svelte';
import { expect, test, vi } from 'vitest';
import DetailsView from '../../renderer/src/views/DetailsView.svelte';
import { AppState } from '../../renderer/src/lib/appState.svelte';
import { EXPIRED_LINKEDIN } from './resyncFixtures';
import { useTestClock } from './testClock';
import { fakeBridge, snapshotOf } from './fakeBridge';

useTestClock();

test('the steps in the Lobstr dashboard link to the dashboard, opened in the browser', async () => {
  const app = new AppState(fakeBridge(snapshotOf([EXPIRED_LINKEDIN])));
  const stop = app.start();
  await vi.waitFor(() => expect(app.snapshot).not.toBeNull());
  app.go({ name: 'details', accountId: EXPIRED_LINKEDIN.id });
  render(DetailsView, { props: { state: app, accountId: EXPIRED_LINKEDIN.id } });
  // Inside the closed "How to do it in the Lobstr dashboard instead".
  const link = (await screen.findByRole('link', { name: 'Lobstr dashboard', hidden: true })) as HTMLAnchorElement;
  expect(link.href).toBe('https://app.lobstr.io/dashboard');
  expect(link.target).toBe('_blank');
  expect(link.rel.split(' ')).toEqual(expect.arrayContaining(['noopener', 'noreferrer']));
  stop();
});
