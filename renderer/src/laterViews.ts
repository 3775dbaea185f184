import { warmCollators } from '../../main/core/health/collation';

/**
 * The views the window does not open with, each in a script of its own: the list is what the
 * window shows first, and every kilobyte of script before it is parsed and compiled before the
 * first row appears (the 10,000-account first render, bench/rendererBench.ts). Each loader is
 * called once; its promise is kept, so a second visit renders at once.
 */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | null = null;
  return () => (loading ??= load());
}

export const laterViews = {
  details: once(() => import('./views/DetailsView.svelte')),
  settings: once(() => import('./views/SettingsView.svelte')),
  onboarding: once(() => import('./views/OnboardingView.svelte')),
};

/**
 * Loads the details and settings scripts once the window is idle after showing the list, so the
 * first Enter on an account or click on Settings does not wait for a file; and builds the sorting
 * collators there, so the first column sort or poll's push does not build them either.
 * Without requestIdleCallback (tests without a browser) each comes when first needed.
 */
export function loadLaterViewsWhenIdle(): void {
  if (typeof requestIdleCallback !== 'function') return;
  requestIdleCallback(
    () => {
      void laterViews.details();
      void laterViews.settings();
      warmCollators();
    },
    { timeout: 2_000 },
  );
}
