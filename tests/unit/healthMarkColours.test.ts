/**
 * A health's mark (HealthMark.svelte) is an SVG image whose stroke holds the health's colour: a CSS
 * image cannot read app.css's custom properties, so the colours are written twice. This keeps them
 * the same, in both themes, so a colour changed in app.css cannot leave the marks behind.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const renderer = path.resolve(__dirname, '../../renderer/src');
const appCss = readFileSync(path.join(renderer, 'app.css'), 'utf8');
const markSource = readFileSync(path.join(renderer, 'components/HealthMark.svelte'), 'utf8');

/** The variable name of each health's colour in app.css. */
const COLOUR_OF = { needs_resync: 'resync', attention: 'attention', locked: 'locked', ok: 'ok' } as const;

/** The text of the block that `@media (prefers-color-scheme: dark)` opens in `css`, and what is outside it. */
function splitThemes(css: string): { light: string; dark: string } {
  const start = css.indexOf('@media (prefers-color-scheme: dark)');
  if (start < 0) return { light: css, dark: '' };
  let depth = 0;
  let end = css.indexOf('{', start);
  for (let i = end; i < css.length; i++) {
    if (css[i] === '{') depth += 1;
    if (css[i] === '}') depth -= 1;
    if (depth === 0) {
      end = i;
      break;
    }
  }
  const rest = splitThemes(css.slice(end + 1));
  return { light: css.slice(0, start) + rest.light, dark: css.slice(start, end + 1) + rest.dark };
}

function cssColour(css: string, name: string): string | undefined {
  return new RegExp(`--health-${name}-fg:\\s*#([0-9a-f]{6})`, 'i').exec(css)?.[1]?.toLowerCase();
}

/** A health's mark in one theme ('light' or 'dark'): the SVG image's address, from HealthMark.svelte. */
function markImage(health: string, theme: 'light' | 'dark'): string | undefined {
  return new RegExp(`\\.mark\\[data-health='${health}'\\]\\s*\\{[^}]*--mark-${theme}:\\s*url\\("([^"]+)"\\)`).exec(markSource)?.[1];
}

const strokeOf = (image: string | undefined): string | undefined => /stroke='%23([0-9a-f]{6})'/i.exec(image ?? '')?.[1]?.toLowerCase();

describe('the health marks are drawn in the health colours of app.css', () => {
  const css = splitThemes(appCss);
  for (const [health, name] of Object.entries(COLOUR_OF)) {
    for (const theme of ['light', 'dark'] as const) {
      it(`${health}, ${theme}`, () => {
        const expected = cssColour(css[theme], name);
        expect(expected, `app.css has no --health-${name}-fg in the ${theme} theme`).toBeDefined();
        expect(strokeOf(markImage(health, theme)), `HealthMark.svelte's ${health} mark, ${theme} theme`).toBe(expected);
      });
    }

    it(`${health}: one shape in both themes`, () => {
      const light = markImage(health, 'light')!;
      const dark = markImage(health, 'dark')!;
      expect(dark.replace(/%23[0-9a-f]{6}/gi, 'COLOUR')).toBe(light.replace(/%23[0-9a-f]{6}/gi, 'COLOUR'));
    });
  }
});
