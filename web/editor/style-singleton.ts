/**
 * A stand-in for react-style-singleton (used by Radix's dialogs and menus,
 * through react-remove-scroll, to hide the page's scroll bar while one is
 * open), with the same exports and behaviour, that adds its rules as a
 * constructed style sheet instead of a `<style>` element. The page's
 * Content-Security-Policy allows style sheets from the API's own files only
 * (`style-src 'self'`), which blocks a `<style>` element made at run time;
 * a constructed sheet is not loaded from anywhere, so the policy does not
 * need loosening (no 'unsafe-inline', no nonce) for it. Vite puts this module
 * in the package's place (web/editor/vite.config.mts).
 */
import { useEffect } from "react";

interface Sheet {
  add(css: string): void;
  remove(): void;
}

/** A sheet shown while at least one user has added it; the first user's rules are the ones shown. */
export function stylesheetSingleton(): Sheet {
  let counter = 0;
  let sheet: CSSStyleSheet | null = null;
  return {
    add(css) {
      if (counter === 0) {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(css);
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
      }
      counter++;
    },
    remove() {
      counter--;
      if (counter === 0 && sheet) {
        const gone = sheet;
        document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== gone);
        sheet = null;
      }
    },
  };
}

/** A hook that shows `styles` while a component using it is mounted. */
export function styleHookSingleton(): (styles: string, isDynamic?: boolean) => void {
  const sheet = stylesheetSingleton();
  return (styles, isDynamic) => {
    useEffect(() => {
      sheet.add(styles);
      return () => sheet.remove();
      // As the original: the rules are re-added on change only when they are marked dynamic.
    }, [styles && isDynamic]);
  };
}

/** The same as a component: `<Sheet styles="…" />`. */
export function styleSingleton(): (props: { styles: string; dynamic?: boolean }) => null {
  const useStyle = styleHookSingleton();
  return ({ styles, dynamic }) => {
    useStyle(styles, dynamic);
    return null;
  };
}
