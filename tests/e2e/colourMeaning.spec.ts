/**
 * One meaning per colour, in every view (harness/auditedViews.ts), light and dark: red says "needs
 * re-sync" and nothing else (not the primary action, not a form error, not a connection problem,
 * not the app's mark), and the primary action has the one accent colour, which is not red.
 */
import { AUDITED_VIEWS } from './harness/auditedViews.js';
import { expect, test, transitionsEnded } from './harness/fixtures.js';
import { findRedOutsideResync } from './harness/redAudit.js';

for (const view of AUDITED_VIEWS) {
  test(`${view.name}: red appears only where an account needs re-sync`, async ({ page, control, ipc, app }) => {
    await view.open(page, { control, ipc, app });
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.mouse.move(0, 0);
      await page.emulateMedia({ colorScheme });
      await transitionsEnded(page);
      const red = await page.evaluate(findRedOutsideResync);
      const lines = red.map((place) => `  ${place.what}: ${place.where} ${place.colour}`).join('\n');
      expect.soft(red, `${colorScheme} theme, red that is not about re-sync:\n${lines}\n`).toEqual([]);
    }
  });
}
