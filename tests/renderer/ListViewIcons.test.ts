// @vitest-environment jsdom
/**
 * The shared pieces of the list: platform icons (decoded once per type into a data: URL, which
 * the page's policy allows) and the health badge (a word, not colour alone).
 */
import { cleanup, render, screen } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import HealthBadge, { healthCount, healthLabel } from '../../renderer/src/components/HealthBadge.svelte';
import PlatformIcon from '../../renderer/src/components/PlatformIcon.svelte';
import { clearIconCache, iconDataUrl, imageMimeType, platformIconUrl } from '../../renderer/src/lib/iconCache';
import { SEED_ICON } from '../fixtures/rawAccounts';

beforeEach(() => clearIconCache());
afterEach(() => cleanup());

const SVG_ICON = btoa('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>');

describe('iconDataUrl', () => {
  test('turns the API’s base64 PNG into a data: URL, tolerating a data: prefix and line breaks', () => {
    expect(iconDataUrl(SEED_ICON)).toBe(`data:image/png;base64,${SEED_ICON}`);
    expect(iconDataUrl(`data:image/png;base64,${SEED_ICON}`)).toBe(`data:image/png;base64,${SEED_ICON}`);
    expect(iconDataUrl(`${SEED_ICON.slice(0, 20)}\n${SEED_ICON.slice(20)}`)).toBe(`data:image/png;base64,${SEED_ICON}`);
  });

  test('knows the image type from the bytes, not from what a prefix claims', () => {
    expect(iconDataUrl(`data:image/jpeg;base64,${SEED_ICON}`)).toMatch(/^data:image\/png;/);
    expect(iconDataUrl(SVG_ICON)).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(imageMimeType('\xff\xd8\xff\xe0')).toBe('image/jpeg');
    expect(imageMimeType('GIF89a')).toBe('image/gif');
    expect(imageMimeType('RIFF\0\0\0\0WEBPVP8 ')).toBe('image/webp');
  });

  test('nothing, broken base64 or something that is not an image gives no URL', () => {
    expect(iconDataUrl('')).toBeNull();
    expect(iconDataUrl('%%% not base64 %%%')).toBeNull();
    expect(iconDataUrl(btoa('<html><script>alert(1)</script></html>'))).toBeNull();
  });
});

describe('platformIconUrl', () => {
  test('decodes once per account type, and again only when that type’s icon changes', () => {
    const atob = vi.spyOn(globalThis, 'atob');
    const first = platformIconUrl('twitter-sync', SEED_ICON);
    for (let i = 0; i < 1000; i += 1) expect(platformIconUrl('twitter-sync', SEED_ICON)).toBe(first);
    expect(atob).toHaveBeenCalledTimes(1);
    platformIconUrl('twitter-sync', SVG_ICON);
    platformIconUrl('facebook-sync', SEED_ICON);
    expect(atob).toHaveBeenCalledTimes(3);
    atob.mockRestore();
  });
});

describe('PlatformIcon', () => {
  test('shows the icon as a decorative image by default, or named when given a label', () => {
    const { container } = render(PlatformIcon, { props: { type: 'twitter-sync', icon: SEED_ICON } });
    const image = container.querySelector('img')!;
    expect(image.getAttribute('src')).toBe(`data:image/png;base64,${SEED_ICON}`);
    expect(image.getAttribute('alt')).toBe('');
    cleanup();
    render(PlatformIcon, { props: { type: 'twitter-sync', icon: SEED_ICON, label: 'X (Twitter)' } });
    expect(screen.getByRole('img', { name: 'X (Twitter)' })).toBeTruthy();
  });

  test('without an icon, shows the platform’s initial on a tile', () => {
    render(PlatformIcon, { props: { type: 'sales-nav-sync', icon: undefined, label: 'Sales Navigator' } });
    const tile = screen.getByRole('img', { name: 'Sales Navigator' });
    expect(tile.textContent?.trim()).toBe('S');
  });
});

describe('HealthBadge', () => {
  test('writes the health in words, with the reason after it', () => {
    render(HealthBadge, { props: { health: 'needs_resync', reason: 'cookies expired' } });
    expect(screen.getByText('needs re-sync')).toBeTruthy();
    expect(screen.getByText('cookies expired')).toBeTruthy();
  });

  test('labels and counts', () => {
    expect(['needs_resync', 'attention', 'locked', 'ok'].map((h) => healthLabel(h as 'ok'))).toEqual([
      'needs re-sync',
      'attention',
      'locked',
      'OK',
    ]);
    expect(healthCount('needs_resync', 1)).toBe('1 needs re-sync');
    expect(healthCount('needs_resync', 2)).toBe('2 need re-sync');
    expect(healthCount('ok', 21)).toBe('21 OK');
  });
});
