/**
 * A WCAG 2.2 AA contrast audit of the page as it is drawn now, run inside the page in one
 * `page.evaluate(auditContrast)`: self-contained (Playwright sends the function's source), so
 * everything it uses is declared inside it.
 *
 * - Text (1.4.3): every visible element with text of its own (a text node, or an input's value or
 *   placeholder) against its effective background: the backgrounds of its ancestors composited
 *   from the page up, semi-transparent ones and `opacity` included. 4.5:1, or 3:1 for large text
 *   (at least 24 px, or 18.66 px bold).
 * - Non-text (1.4.11), 3:1: the boundary of the controls that are recognised by it (text fields,
 *   selects, switches and checkboxes: their border or their fill against what surrounds them), a
 *   switch's knob against its track, the marks drawn by a control's ::before/::after (a disclosure's
 *   chevron, a select's arrow), the glyph of a button without text, and every focus ring (each
 *   control is focused, with :focus-visible, and its outline read). A button with a visible label
 *   is recognised by its text, which is checked at 4.5:1 (WCAG's Understanding 1.4.11, "text
 *   buttons"), so its border or fill may stay quiet.
 * - Exempt, as WCAG says: disabled controls (`:disabled`, `aria-disabled="true"`, and what they
 *   hold), logotypes (a platform's mark), and the boundary of a checkbox or radio button drawn by
 *   the browser itself (appearance: auto).
 * - Over a gradient, text is measured against each of the gradient's colours (the worst counts).
 *   Not computed: text over a background picture. It is reported as unchecked, so a test has to
 *   check it some other way or name it as a known skip.
 */

export interface ContrastFinding {
  /** 'text', 'large text', 'boundary', 'knob', 'mark', 'glyph' or 'focus ring'. */
  kind: string;
  /** The element, briefly: tag, role or class, and its text. */
  what: string;
  fg: string;
  bg: string;
  ratio: number;
  required: number;
}

export interface ContrastAudit {
  /** How many of each kind were measured ('text', 'boundary', 'focus ring'…). */
  measured: Record<string, number>;
  failures: ContrastFinding[];
  /** Text drawn over a background picture: not measured. */
  unchecked: Array<{ what: string; why: string }>;
}

export async function auditContrast(): Promise<ContrastAudit> {
  // The few DOM shapes used here (the tests are type-checked without the DOM library).
  interface Rect {
    width: number;
    height: number;
  }
  interface Style {
    color: string;
    backgroundColor: string;
    backgroundImage: string;
    opacity: string;
    fontSize: string;
    fontWeight: string;
    borderTopWidth: string;
    borderTopStyle: string;
    borderTopColor: string;
    borderRightWidth: string;
    borderRightStyle: string;
    borderRightColor: string;
    borderBottomWidth: string;
    borderBottomStyle: string;
    borderBottomColor: string;
    borderLeftWidth: string;
    borderLeftStyle: string;
    borderLeftColor: string;
    outlineStyle: string;
    outlineWidth: string;
    outlineColor: string;
    outlineOffset: string;
    boxShadow: string;
    content: string;
    display: string;
    width: string;
    height: string;
    appearance: string;
  }
  interface Node {
    nodeType: number;
    textContent: string | null;
  }
  interface El extends Node {
    tagName: string;
    id: string;
    className: unknown;
    childNodes: ArrayLike<Node>;
    parentElement: El | null;
    getAttribute(name: string): string | null;
    matches(selector: string): boolean;
    closest(selector: string): El | null;
    getBoundingClientRect(): Rect;
    checkVisibility(options: Record<string, boolean>): boolean;
    querySelectorAll(selector: string): ArrayLike<El>;
    focus(options: { preventScroll: boolean; focusVisible?: boolean }): void;
    blur(): void;
    value?: string;
    placeholder?: string;
    type?: string;
    selectedOptions?: ArrayLike<{ textContent: string | null }>;
    labels?: ArrayLike<{ textContent: string | null }> | null;
  }
  interface Canvas {
    getContext(kind: '2d', options: { willReadFrequently: boolean }): {
      fillStyle: string;
      clearRect(x: number, y: number, w: number, h: number): void;
      fillRect(x: number, y: number, w: number, h: number): void;
      getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> };
    };
  }
  const page = globalThis as unknown as {
    document: { body: El; getElementById(id: string): El | null; documentElement: El; activeElement: El | null; createElement(tag: 'canvas'): Canvas & { width: number; height: number } };
    getComputedStyle(element: El, pseudo?: string): Style;
  };
  const { document } = page;

  type Rgba = [number, number, number, number];
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 1;
  const context = canvas.getContext('2d', { willReadFrequently: true });

  /** A computed colour as sRGB 0–255 with alpha 0–1 (rgb() directly; anything else drawn once). */
  function parse(colour: string): Rgba {
    const rgb = /^rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)$/.exec(colour);
    if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3]), rgb[4] === undefined ? 1 : Number(rgb[4])];
    context.clearRect(0, 0, 1, 1);
    context.fillStyle = '#000';
    context.fillStyle = colour;
    context.fillRect(0, 0, 1, 1);
    const d = context.getImageData(0, 0, 1, 1).data;
    return [d[0]!, d[1]!, d[2]!, d[3]! / 255];
  }
  /** `top` drawn over the opaque `bottom`. */
  function over(top: Rgba, bottom: Rgba): Rgba {
    const a = top[3];
    return [top[0] * a + bottom[0] * (1 - a), top[1] * a + bottom[1] * (1 - a), top[2] * a + bottom[2] * (1 - a), 1];
  }
  function mix(backdrop: Rgba, content: Rgba, opacity: number): Rgba {
    return over([content[0], content[1], content[2], opacity], backdrop);
  }
  function luminance([r, g, b]: Rgba): number {
    const lin = (c: number) => {
      const s = c / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  }
  function ratio(a: Rgba, b: Rgba): number {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
    return (hi + 0.05) / (lo + 0.05);
  }
  const hex = (c: Rgba) => '#' + c.slice(0, 3).map((v) => Math.round(v).toString(16).padStart(2, '0')).join('');

  const styleOf = (el: El, pseudo?: string) => page.getComputedStyle(el, pseudo);

  /** Under everything: the canvas, which the root's own background (this app sets one) covers. */
  const canvasColour: Rgba = [255, 255, 255, 1];

  interface Backdrop {
    /** The colour behind the element's content (its own background included). */
    inside: Rgba;
    /** Turns a colour drawn inside the element into what the eye sees (ancestors' opacity). */
    seen(colour: Rgba): Rgba;
    /** A background image (a picture, not a gradient) lies under the element's content. */
    image: string | null;
    /** A gradient lies under it: the colours it passes through, each drawn over what is below. */
    gradient: Rgba[] | null;
  }

  /**
   * Walks the ancestors from the root down to `el`, drawing each background over the one below,
   * and remembers each `opacity` group so colours drawn inside can be blended with what is behind it.
   */
  function backdropOf(el: El, includeSelf = true): Backdrop {
    const chain: El[] = [];
    for (let at: El | null = includeSelf ? el : el.parentElement; at; at = at.parentElement) chain.unshift(at);
    let colour = canvasColour;
    let image: string | null = null;
    let gradient = null as Rgba[] | null;
    const groups: Array<{ opacity: number; behind: Rgba }> = [];
    for (const node of chain) {
      const style = styleOf(node);
      const opacity = Number(style.opacity);
      if (opacity < 1) groups.push({ opacity, behind: colour });
      const background = parse(style.backgroundColor);
      colour = over(background, colour);
      gradient = background[3] === 1 ? null : (gradient?.map((stop) => over(background, stop)) ?? null);
      if (background[3] === 1) image = null;
      if (/url\(/.test(style.backgroundImage)) image = style.backgroundImage.slice(0, 60);
      else if (style.backgroundImage !== 'none') {
        // A gradient's colours, each over the background colour it is painted on.
        const stops = style.backgroundImage.match(/rgba?\([^)]*\)/g) ?? [];
        gradient = stops.map((stop) => over(parse(stop), colour));
      }
    }
    const seen = (drawn: Rgba): Rgba => {
      let result = drawn[3] < 1 ? over(drawn, colour) : drawn;
      for (let i = groups.length - 1; i >= 0; i--) result = mix(groups[i]!.behind, result, groups[i]!.opacity);
      return result;
    };
    return { inside: colour, seen, image, gradient };
  }

  function describe(el: El, text: string): string {
    const role = el.getAttribute('role');
    const cls = typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\s+/).filter((c) => !c.startsWith('svelte-')).join('.') : '';
    const name = `${el.tagName.toLowerCase()}${role ? `[role=${role}]` : ''}${cls === '.' ? '' : cls}`;
    const shown = text.replace(/\s+/g, ' ').trim();
    return shown ? `${name} "${shown.length > 60 ? shown.slice(0, 57) + '…' : shown}"` : name;
  }

  /** What a person would call the control: its text, its label, or its aria-label. */
  function nameOf(el: El): string {
    const label = el.labels?.[0]?.textContent ?? null;
    return (el.textContent ?? '').trim() || label?.trim() || el.getAttribute('aria-label') || el.getAttribute('title') || '';
  }

  const failures: ContrastFinding[] = [];
  const unchecked: ContrastAudit['unchecked'] = [];
  const measured: Record<string, number> = {};
  function expectContrast(kind: string, el: El, text: string, fg: Rgba, bg: Rgba, required: number): void {
    measured[kind] = (measured[kind] ?? 0) + 1;
    const value = ratio(fg, bg);
    if (value + 0.005 < required) {
      failures.push({ kind, what: describe(el, text), fg: hex(fg), bg: hex(bg), ratio: Math.round(value * 100) / 100, required });
    }
  }

  const isShown = (el: El) => {
    if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true, contentVisibilityAuto: true })) return false;
    const rect = el.getBoundingClientRect();
    // Visually hidden text (1 px, clipped) is for screen readers only.
    return rect.width > 1 && rect.height > 1;
  };
  // WCAG: "text or images of text that are part of an inactive user interface component … have no
  // contrast requirement", nor logotypes; the same for the non-text contrast of a disabled control.
  const exempt = (el: El) => el.closest(':disabled, [aria-disabled="true"], .tile') !== null;

  const CONTROLS = 'button, input:not([type="hidden"]), select, textarea, summary, [role="switch"], [role="checkbox"], [role="button"], a[href], [tabindex]:not([tabindex="-1"])';
  const FIELDS = 'input:not([type="hidden"], [type="button"], [type="submit"], [type="reset"], [type="image"]), select, textarea, [role="switch"], [role="checkbox"]';

  const elements = Array.from(document.body.querySelectorAll('*'));
  const shown = elements.filter((el) => isShown(el));

  // 1. Text.
  for (const el of shown) {
    if (exempt(el) || el.closest('svg') !== null) continue;
    let text = Array.from(el.childNodes)
      .filter((n) => n.nodeType === 3)
      .map((n) => n.textContent ?? '')
      .join('')
      .trim();
    const style = styleOf(el);
    let colour = style.color;
    if (el.matches('select')) text = Array.from(el.selectedOptions ?? []).map((o) => o.textContent ?? '').join(' ').trim();
    else if (el.matches('input:not([type="checkbox"], [type="radio"], [type="range"], [type="color"]), textarea')) {
      text = el.value ?? '';
      if (text === '' && el.placeholder) {
        text = el.placeholder;
        colour = styleOf(el, '::placeholder').color;
      }
      if (el.type === 'password' && text === el.value) text = '•'.repeat(Math.min(8, text.length));
    }
    if (text === '') continue;
    const backdrop = backdropOf(el);
    if (backdrop.image) {
      unchecked.push({ what: describe(el, text), why: `text over ${backdrop.image}` });
      continue;
    }
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    // Over a gradient, the text must read on every colour it passes through: the worst one counts.
    const worst = (backdrop.gradient ?? [backdrop.inside])
      .map((under) => ({ fg: backdrop.seen(over(parse(colour), under)), bg: backdrop.seen(under) }))
      .reduce((a, b) => (ratio(a.fg, a.bg) <= ratio(b.fg, b.bg) ? a : b));
    expectContrast(large ? 'large text' : 'text', el, text, worst.fg, worst.bg, large ? 3 : 4.5);
  }

  function borders(style: Style): Rgba[] {
    const sides = [
      [style.borderTopWidth, style.borderTopStyle, style.borderTopColor],
      [style.borderRightWidth, style.borderRightStyle, style.borderRightColor],
      [style.borderBottomWidth, style.borderBottomStyle, style.borderBottomColor],
      [style.borderLeftWidth, style.borderLeftStyle, style.borderLeftColor],
    ] as const;
    const drawn = sides.filter(([width, line]) => parseFloat(width) >= 1 && line !== 'none' && line !== 'hidden').map(([, , colour]) => parse(colour));
    // A ring drawn as a box-shadow without blur ("0 0 0 1px colour") is a border too.
    for (const shadow of style.boxShadow === 'none' ? [] : style.boxShadow.split(/,(?![^(]*\))/)) {
      const colour = /rgba?\([^)]*\)/.exec(shadow)?.[0];
      const lengths = shadow.replace(/rgba?\([^)]*\)/, '').trim().split(/\s+/).map(parseFloat);
      if (colour && lengths.length >= 4 && lengths[2] === 0 && lengths[3]! >= 1) drawn.push(parse(colour));
    }
    return drawn;
  }

  // 2. Controls: boundaries, knobs, marks, glyphs.
  const controls = shown.filter((el) => el.matches(CONTROLS) && !exempt(el));
  for (const el of controls) {
    const style = styleOf(el);
    const around = backdropOf(el, false);
    const surround = around.seen(around.inside);
    const own = backdropOf(el);
    const fill = own.seen(own.inside);
    const label = nameOf(el);
    if (el.matches(FIELDS)) {
      // WCAG 1.4.11 exempts a control "determined by the user agent and not modified by the author".
      if (!(style.appearance !== 'none' && el.matches('input[type="checkbox"], input[type="radio"]'))) {
        // The better of its border and its fill: either one shows where the control is.
        const candidates = [fill, ...borders(style).map((b) => around.seen(over(b, around.inside)))];
        const best = candidates.reduce((a, b) => (ratio(a, surround) >= ratio(b, surround) ? a : b));
        expectContrast('boundary', el, label, best, surround, 3);
      }
    }
    // Marks drawn by the control itself: a switch's knob, a disclosure's chevron, a select's arrow.
    // (A select draws none of its own: its wrapper draws its chevron.)
    const hosts = el.matches('select') && el.parentElement ? [el, el.parentElement] : [el];
    for (const [host, pseudo] of hosts.flatMap((h) => (['::before', '::after'] as const).map((p) => [h, p] as const))) {
      const mark = styleOf(host, pseudo);
      if (mark.content === 'none' || mark.content === 'normal' || mark.display === 'none') continue;
      const drawn = [parse(mark.backgroundColor), ...borders(mark)].filter((c) => c[3] > 0);
      if (drawn.length === 0) continue;
      const best = drawn.map((c) => own.seen(over(c, own.inside))).reduce((a, b) => (ratio(a, fill) >= ratio(b, fill) ? a : b));
      expectContrast(el.matches('[role="switch"]') ? 'knob' : 'mark', el, `${label} ${pseudo}`, best, fill, 3);
    }
    // A button without text is known by its glyph, drawn in currentColor.
    if (el.matches('button, [role="button"]') && (el.textContent ?? '').trim() === '' && el.querySelectorAll('svg, img').length > 0) {
      expectContrast('glyph', el, label, own.seen(over(parse(style.color), own.inside)), fill, 3);
    }
  }

  // 3. Focus rings, as the keyboard shows them (each control focused in turn; focus given back).
  // A widget that keeps the focus and points at its current item (aria-activedescendant: the
  // list's grid) shows the ring on that item, once the page has answered the focus.
  const before = document.activeElement;
  const COMPOSITE = '[role="grid"], [role="listbox"], [role="tree"], [role="treegrid"], [aria-activedescendant]';
  for (const el of controls) {
    el.focus({ preventScroll: true, focusVisible: true });
    if (el.matches(COMPOSITE)) await new Promise<void>((resolve) => setTimeout(resolve, 0));
    if (document.activeElement !== el || !el.matches(':focus-visible')) continue;
    const activeId = el.getAttribute('aria-activedescendant');
    const shows = (activeId ? document.getElementById(activeId) : null) ?? el;
    const style = styleOf(shows);
    const around = backdropOf(shows, false);
    const label = nameOf(shows);
    if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) {
      // Drawn outside the control (offset ≥ 0) on what surrounds it; inside, on its own fill.
      const base = parseFloat(style.outlineOffset) >= 0 ? around : backdropOf(shows);
      expectContrast('focus ring', shows, label, base.seen(over(parse(style.outlineColor), base.inside)), base.seen(base.inside), 3);
    } else if (borders(style).length === 0) {
      failures.push({ kind: 'focus ring', what: describe(shows, label), fg: 'none', bg: '', ratio: 0, required: 3 });
    }
  }
  if (before && before !== document.body) before.focus({ preventScroll: true });
  else document.activeElement?.blur();

  return { measured, failures, unchecked };
}

/** The audit's failures, one line each, for an assertion's message. */
export function describeFailures(audit: ContrastAudit): string {
  return audit.failures
    .map((f) => `  ${f.kind}: ${f.what}: ${f.fg} on ${f.bg} = ${f.ratio}:1 (needs ${f.required}:1)`)
    .join('\n');
}
