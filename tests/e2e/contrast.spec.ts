/**
 * Contrast, WCAG 2.2 AA, in the light and the dark theme, of every view as a user reaches it
 * (harness/auditedViews.ts): every visible text against its background (4.5:1, large text 3:1),
 * and the controls' boundaries, marks and focus rings (3:1). What is measured, and what WCAG
 * exempts (disabled controls, logos), is in harness/contrastAudit.ts. One page evaluation per
 * view and theme.
 */
import { AUDITED_VIEWS } from './harness/auditedViews.js';
import { auditContrast, describeFailures } from './harness/contrastAudit.js';
import { expect, test, transitionsEnded } from './harness/fixtures.js';

for (const view of AUDITED_VIEWS) {
  test(`${view.name}: every text and control meets WCAG AA contrast, light and dark`, async ({ page, control, ipc, app }) => {
    await view.open(page, { control, ipc, app });
    for (const colorScheme of ['light', 'dark'] as const) {
      // No pointer left over a control from a click (its hover colours are not what is at rest).
      await page.mouse.move(0, 0);
      await page.emulateMedia({ colorScheme });
      await transitionsEnded(page);
      const audit = await page.evaluate(auditContrast);
      expect(audit.measured['text'] ?? 0, `${colorScheme}: hardly any text was measured`).toBeGreaterThan(10);
      expect(audit.measured['focus ring'] ?? 0, `${colorScheme}: no focus ring was measured`).toBeGreaterThan(0);
      expect.soft(audit.failures, `${colorScheme} theme, below WCAG AA:\n${describeFailures(audit)}\n`).toEqual([]);
      // Text over a picture or a gradient is not measured: none is expected (name it here, with a reason, if one comes).
      expect.soft(audit.unchecked, `${colorScheme} theme, not measured`).toEqual([]);
    }
  });
}
