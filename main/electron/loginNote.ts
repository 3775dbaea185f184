/**
 * The note shown above the platform's page in the re-sync login window: a static page of ours,
 * given as a `data:` URL, with no script (the view runs it with JavaScript off, under a CSP that
 * allows only its inline style) and nothing it could fetch.
 */

export const LOGIN_NOTE = 'Sign in with your email and password. Google sign-in is refused inside apps.';

/** The note's band, in DIPs: room for two lines of 13 px text when the window is at its narrowest. */
export const LOGIN_NOTE_HEIGHT = 40;

const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="color-scheme" content="light dark">
<title>Note</title>
<style>
html, body { margin: 0; height: 100%; overflow: hidden; }
body {
  display: flex; align-items: center; box-sizing: border-box; padding: 0 12px;
  font: 13px/1.3 system-ui, -apple-system, "Segoe UI", sans-serif;
  background: #fdf6e3; color: #3b3000; border-bottom: 1px solid #e4d9b4;
  cursor: default; user-select: none;
}
p { margin: 0; }
@media (prefers-color-scheme: dark) {
  body { background: #2b2616; color: #f0e6c8; border-bottom-color: #4a4226; }
}
</style>
</head>
<body><p role="note">${LOGIN_NOTE}</p></body>
</html>
`;

export const LOGIN_NOTE_URL = `data:text/html;charset=utf-8,${encodeURIComponent(page)}`;
