/**
 * Esc leaves a view (details, settings) for the list. The view handles it itself and stops it
 * there, so the app's other Esc (hiding the window, from the list) does not fire as well. A key
 * pressed with the focus outside the view (on the page's body) is caught on the window instead.
 * Also moves the focus into the view when it opens, so that the keyboard starts there.
 * Returns the function that undoes it all.
 */
export function escapeGoesBack(
  root: HTMLElement,
  back: () => void,
  /** Keys pressed here keep their Esc (a field being edited). */
  ignore: (target: EventTarget | null) => boolean = () => false,
): () => void {
  const handle = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || event.defaultPrevented || ignore(event.target)) return;
    event.preventDefault();
    event.stopPropagation();
    back();
  };
  const onWindow = (event: KeyboardEvent): void => {
    if (event.target instanceof Node && root.contains(event.target)) return;
    handle(event);
  };
  root.addEventListener('keydown', handle);
  window.addEventListener('keydown', onWindow);
  if (!root.contains(document.activeElement)) root.focus({ preventScroll: true });
  return () => {
    root.removeEventListener('keydown', handle);
    window.removeEventListener('keydown', onWindow);
  };
}
