/**
 * Where the page draws red, and whether each place is about re-sync (the one thing red means in
 * this app). Run inside the page with `page.evaluate(findRedOutsideResync)`: self-contained.
 *
 * Red: a hue within 20° of pure red with some colour in it (the strong re-sync red, its light and
 * dark tints, the old coral accent), in an element's text, background, border or ring. Amber
 * (connection problems, attention) and the blue accent are well outside it.
 * About re-sync: inside an element with data-health="needs_resync" (a row, a badge, a count, a
 * group), or inside an element whose name (aria-label, or the text its aria-labelledby points to)
 * speaks of re-sync.
 */
export interface RedPlace {
  what: string;
  /** Which of its colours is red, and the colour. */
  where: string;
  colour: string;
}

export function findRedOutsideResync(): RedPlace[] {
  interface Style {
    color: string;
    backgroundColor: string;
    borderTopColor: string;
    borderRightColor: string;
    borderBottomColor: string;
    borderLeftColor: string;
    borderTopWidth: string;
    borderRightWidth: string;
    borderBottomWidth: string;
    borderLeftWidth: string;
    boxShadow: string;
  }
  interface El {
    tagName: string;
    className: unknown;
    textContent: string | null;
    childNodes: ArrayLike<{ nodeType: number; textContent: string | null }>;
    parentElement: El | null;
    getAttribute(name: string): string | null;
    closest(selector: string): El | null;
    checkVisibility(options: Record<string, boolean>): boolean;
    getBoundingClientRect(): { width: number; height: number };
    querySelectorAll(selector: string): ArrayLike<El>;
  }
  const page = globalThis as unknown as {
    document: { body: El; getElementById(id: string): El | null };
    getComputedStyle(element: El): Style;
  };

  /** Hue (degrees) and chroma (0–255) of an rgb()/rgba() colour; null when transparent. */
  function hueChroma(colour: string): { hue: number; chroma: number } | null {
    const m = /^rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)$/.exec(colour);
    if (!m || (m[4] !== undefined && Number(m[4]) < 0.1)) return null;
    const [r, g, b] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const max = Math.max(r, g, b);
    const chroma = max - Math.min(r, g, b);
    if (chroma === 0) return { hue: 0, chroma };
    const hue = max === r ? (((g - b) / chroma) % 6) * 60 : max === g ? ((b - r) / chroma + 2) * 60 : ((r - g) / chroma + 4) * 60;
    return { hue: (hue + 360) % 360, chroma };
  }
  const isRed = (colour: string) => {
    const hc = hueChroma(colour);
    return hc !== null && hc.chroma >= 16 && (hc.hue <= 20 || hc.hue >= 340);
  };

  function aboutResync(el: El): boolean {
    if (el.closest('[data-health="needs_resync"]')) return true;
    for (let at: El | null = el; at; at = at.parentElement) {
      const labelledBy = at.getAttribute('aria-labelledby');
      const name = [at.getAttribute('aria-label') ?? '', ...(labelledBy ?? '').split(/\s+/).map((id) => (id ? page.document.getElementById(id)?.textContent ?? '' : ''))].join(' ');
      if (/re-?sync/i.test(name)) return true;
    }
    return false;
  }

  function describe(el: El): string {
    const cls = typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\s+/).filter((c) => !c.startsWith('svelte-')).join('.') : '';
    const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
    return `${el.tagName.toLowerCase()}${cls === '.' ? '' : cls}${text ? ` "${text.length > 50 ? text.slice(0, 47) + '…' : text}"` : ''}`;
  }

  const places: RedPlace[] = [];
  for (const el of Array.from(page.document.body.querySelectorAll('*'))) {
    if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
    const rect = el.getBoundingClientRect();
    if (rect.width <= 1 || rect.height <= 1) continue;
    const style = page.getComputedStyle(el);
    const hasText = Array.from(el.childNodes).some((n) => n.nodeType === 3 && (n.textContent ?? '').trim() !== '') || el.tagName === 'svg';
    const colours: Array<[string, string]> = [
      ...(hasText ? [['text', style.color] as [string, string]] : []),
      ['background', style.backgroundColor],
      ...(['Top', 'Right', 'Bottom', 'Left'] as const)
        .filter((side) => parseFloat(style[`border${side}Width`]) > 0)
        .map((side) => [`border`, style[`border${side}Color`]] as [string, string]),
      ...(style.boxShadow === 'none' ? [] : (style.boxShadow.match(/rgba?\([^)]*\)/g) ?? []).map((c) => ['shadow', c] as [string, string])),
    ];
    const red = colours.find(([, colour]) => isRed(colour));
    if (red && !aboutResync(el)) places.push({ what: describe(el), where: red[0], colour: red[1] });
  }
  return places;
}
