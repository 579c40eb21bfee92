/* The reader's language: chosen with the switcher, obeyed by the landing page.
 *
 * On every page, the language switcher (nav.language-switcher):
 * - a click on another language stores it in the handbook_lang cookie (Path = the site's
 *   base path, SameSite=Lax, one year); the production server honours the same cookie;
 * - its links carry the current #fragment, so the same section opens in the other language
 *   (headings have the same explicit ids in every language).
 *
 * On the site's root page (ul.languages[data-fallback]), it goes to the reader's language:
 * the cookie's choice if it names a language of the page, otherwise the first language of
 * navigator.languages that the site has finished (drafts are reached only by choosing
 * them), otherwise the fallback language. It only ever follows the links written in the
 * page: nothing from the address (query, hash) is read, followed or written into the page.
 * Without JavaScript, both are plain links.
 */
"use strict";
(() => {
  const COOKIE = "handbook_lang";
  const ONE_YEAR = 365 * 24 * 60 * 60;
  const CODE = /^[A-Za-z0-9_-]{2,16}$/;

  const remember = (code, path) => {
    if (!CODE.test(code || "")) return;
    const where = /^\/[^;,\s]*$/.test(path || "") ? path : "/";
    const secure = location.protocol === "https:" ? "; Secure" : "";
    document.cookie = `${COOKIE}=${code}; Path=${where}; Max-Age=${ONE_YEAR}; SameSite=Lax${secure}`;
  };

  const remembered = () => {
    for (const pair of document.cookie.split(";")) {
      const [name, value] = pair.trim().split("=");
      if (name === COOKIE) return (value || "").toLowerCase();
    }
    return "";
  };

  const switcher = document.querySelector("nav.language-switcher");
  if (switcher) {
    const links = [...switcher.querySelectorAll("a.language-link")];
    // A property, never markup: a crafted #fragment is percent-encoded by the URL parser.
    const keepFragment = () =>
      links.forEach((link) => link.hash !== location.hash && (link.hash = location.hash));
    keepFragment();
    window.addEventListener("hashchange", keepFragment);
    links.forEach((link) =>
      link.addEventListener("click", () => remember(link.dataset.lang, switcher.dataset.cookiePath)),
    );
  }

  const landing = document.querySelector("ul.languages[data-fallback]");
  if (landing) {
    const links = new Map(
      [...landing.querySelectorAll("a[hreflang]")].map((a) => [a.hreflang.toLowerCase(), a]),
    );
    links.forEach((link, code) =>
      link.addEventListener("click", () => remember(code, landing.dataset.cookiePath)),
    );
    const preferred = () => {
      for (const tag of navigator.languages || [navigator.language]) {
        const wanted = String(tag).toLowerCase().replace("_", "-");
        for (const code of [wanted, wanted.split("-")[0]]) {
          const link = links.get(code);
          if (link && link.closest("li").dataset.status === "release") return link;
        }
      }
      return null;
    };
    const target =
      links.get(remembered()) || preferred() || links.get(landing.dataset.fallback);
    if (target) location.replace(target.href);
  }
})();
