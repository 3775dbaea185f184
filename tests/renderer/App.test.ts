// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, test } from 'vitest';
import App from '../../renderer/src/App.svelte';

describe('the first screen', () => {
  test('names the app in a level-1 heading', () => {
    render(App, { props: { bridge: undefined } });
    expect(screen.getByRole('heading', { level: 1, name: 'Lobstr Tray' })).toBeTruthy();
  });

  test('outside the Electron app it explains where the window belongs and what to run instead', () => {
    render(App, { props: { bridge: undefined } });
    const notice = screen.getByRole('region', { name: 'Not running inside Lobstr Tray' });
    const text = notice.textContent?.replace(/\s+/g, ' ') ?? '';
    expect(text).toContain('This window runs inside the Lobstr Tray app.');
    expect(text).toContain('Start it with npm start');
    expect(text).toContain('try the headless check: npm run check -- --demo');
    expect(screen.queryByRole('region', { name: 'About this app' })).toBeNull();
  });

  test('inside the app it shows the version and system the preload reports', () => {
    render(App, { props: { bridge: { version: '1.2.3', platform: 'darwin' } } });
    const about = within(screen.getByRole('main')).getByRole('region', { name: 'About this app' });
    expect(within(about).getByText('Version').nextElementSibling?.textContent).toBe('1.2.3');
    expect(within(about).getByText('System').nextElementSibling?.textContent).toBe('macOS');
    expect(screen.queryByRole('region', { name: 'Not running inside Lobstr Tray' })).toBeNull();
  });

  test('an operating system it does not know by name is shown as reported', () => {
    render(App, { props: { bridge: { version: '1.2.3', platform: 'freebsd' } } });
    expect(screen.getByText('System').nextElementSibling?.textContent).toBe('freebsd');
  });
});
