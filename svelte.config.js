// Read by the Vite Svelte plugin (build and vitest) and by svelte-check.
export default {
  vitePlugin: {
    // The app's own components are Svelte 5 runes components, even those with no rune in them yet.
    dynamicCompileOptions({ filename }) {
      return filename.includes('/node_modules/') ? undefined : { runes: true };
    },
  },
};
