/* Material's inline script in <head> defines __md_get and __md_set, which read
   and write localStorage with no guard: when the reader's browser blocks site
   data (reading window.localStorage throws) or an entry holds corrupt JSON,
   __md_get throws, the palette script in <body> and the bundle stop, search
   stays at «Starter søk» and the colour toggle disappears. Both functions are
   replaced here by versions that treat storage they cannot use as empty.

   Loaded from overrides/main.html (block extrahead): after Material's inline
   definitions in <head>, before the palette script in <body> and the bundle.
   An external file, so that the Content-Security-Policy needs no new hash. */
(() => {
  "use strict";

  const scope = () => window.__md_scope || new URL(".", location);

  /* The storage a call asks for, or null when the browser refuses it. */
  const resolve = (storage) => {
    try {
      return storage === undefined ? window.localStorage : storage;
    } catch (error) {
      return null;
    }
  };

  window.__md_get = (key, storage, base) => {
    const store = resolve(storage);
    if (!store) return null;
    let raw = null;
    try {
      raw = store.getItem((base || scope()).pathname + "." + key);
      return JSON.parse(raw);
    } catch (error) {
      /* Corrupt entry (not JSON): forget it, so the next page starts clean. */
      if (raw !== null) {
        try { store.removeItem((base || scope()).pathname + "." + key); } catch (ignored) { /* read-only */ }
      }
      return null;
    }
  };

  window.__md_set = (key, value, storage, base) => {
    const store = resolve(storage);
    if (!store) return;
    try {
      store.setItem((base || scope()).pathname + "." + key, JSON.stringify(value));
    } catch (error) {
      /* Full or refused: Material's own version ignores this too. */
    }
  };
})();
