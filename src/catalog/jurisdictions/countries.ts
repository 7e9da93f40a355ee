import countries from "i18n-iso-countries";
import en from "i18n-iso-countries/langs/en.json";

countries.registerLocale(en);

export interface Country {
  code: string;
  name: string;
}

/**
 * Every ISO 3166-1 alpha-2 country from the maintained i18n-iso-countries
 * package, plus XK (Kosovo, user-assigned), which the source reports use.
 */
export function isoCountries(): Country[] {
  const names = countries.getNames("en", { select: "official" });
  const list = Object.entries(names).map(([code, name]) => ({ code, name }));
  if (!names.XK) list.push({ code: "XK", name: "Kosovo" });
  return list.sort((a, b) => a.code.localeCompare(b.code));
}

const known = new Set(isoCountries().map((c) => c.code));

export function isCountryCode(code: string): boolean {
  return known.has(code);
}
