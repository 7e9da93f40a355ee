/**
 * The relevance set: searches phrased the way people type them, each with the
 * listings of the seed inventory that must come back within a rank. Kinds:
 * word order, plural and other forms, typos, words split or joined,
 * capability and organisation names, acronyms, and broad single words.
 */
export interface RelevanceCase {
  kind: "order" | "forms" | "typo" | "split/joined" | "capability" | "organisation" | "acronym" | "broad";
  query: string;
  /** Every one of these must appear within `rank`. */
  expect: string[];
  rank: number;
}

export const RELEVANCE_SET: RelevanceCase[] = [
  { kind: "order", query: "analyze netclean", expect: ["netclean-analyze"], rank: 1 },
  { kind: "order", query: "investigator digital netclean", expect: ["netclean-digital-investigator"], rank: 1 },
  { kind: "order", query: "cleanfeed bt", expect: ["bt-cleanfeed"], rank: 1 },
  { kind: "order", query: "arachnid project", expect: ["project-arachnid"], rank: 1 },
  { kind: "order", query: "imager ftk", expect: ["ftk-imager"], rank: 1 },
  { kind: "order", query: "vic project", expect: ["project-vic"], rank: 1 },
  { kind: "forms", query: "crawlers", expect: ["visa-logo-misuse-web-crawler", "project-arachnid"], rank: 3 },
  { kind: "forms", query: "hashes", expect: ["ncmec-hash-value-sharing-initiative"], rank: 5 },
  { kind: "forms", query: "offender registers", expect: ["new-zealand-sex-offender-register"], rank: 3 },
  { kind: "forms", query: "danish hotlines", expect: ["danish-national-hotline"], rank: 1 },
  { kind: "forms", query: "photodna signatures", expect: ["ncmec-photodna-signature-set"], rank: 3 },
  { kind: "forms", query: "japanese filtering service", expect: ["japan-mobile-phone-filtering-services"], rank: 1 },
  {
    kind: "forms",
    query: "victim identification databases",
    expect: ["new-zealand-victim-identification-database"],
    rank: 3,
  },
  {
    kind: "typo",
    query: "victim identifcation",
    expect: ["ncmec-cvip", "hsi-victim-identification-program"],
    rank: 10,
  },
  { kind: "typo", query: "paliscop", expect: ["paliscope"], rank: 1 },
  { kind: "typo", query: "gryffeye", expect: ["griffeye"], rank: 1 },
  { kind: "typo", query: "thinkyouknow", expect: ["thinkuknow"], rank: 1 },
  { kind: "typo", query: "trafickcam", expect: ["traffickcam"], rank: 1 },
  { kind: "typo", query: "encse", expect: ["encase"], rank: 1 },
  { kind: "typo", query: "grooming detetcion", expect: ["grooming-concept-demonstrator"], rank: 3 },
  { kind: "typo", query: "cybertiplne", expect: ["ncmec-cybertipline"], rank: 1 },
  { kind: "split/joined", query: "photo dna", expect: ["photodna"], rank: 1 },
  { kind: "split/joined", query: "cyber tip line", expect: ["ncmec-cybertipline"], rank: 1 },
  { kind: "split/joined", query: "cybertip ca", expect: ["cybertip-ca"], rank: 1 },
  { kind: "split/joined", query: "net smartz", expect: ["netsmartz-workshop"], rank: 1 },
  { kind: "split/joined", query: "traffick cam", expect: ["traffickcam"], rank: 1 },
  { kind: "split/joined", query: "girls health", expect: ["girlshealth-gov"], rank: 1 },
  { kind: "split/joined", query: "think u know", expect: ["thinkuknow"], rank: 1 },
  { kind: "split/joined", query: "on guard online", expect: ["onguardonline"], rank: 1 },
  { kind: "capability", query: "hash sharing", expect: ["ncmec-hash-value-sharing-initiative"], rank: 3 },
  { kind: "capability", query: "web crawling", expect: ["project-arachnid"], rank: 3 },
  { kind: "capability", query: "payment disruption", expect: ["european-financial-coalition"], rank: 5 },
  { kind: "capability", query: "deconfliction", expect: ["ncmec-deconfliction-reports", "cets"], rank: 3 },
  { kind: "capability", query: "crowdsourcing", expect: ["europol-trace-an-object", "traffickcam"], rank: 5 },
  { kind: "capability", query: "p2p monitoring", expect: ["switzerland-p2p-monitoring"], rank: 1 },
  { kind: "capability", query: "webcrawler", expect: ["project-arachnid"], rank: 3 },
  { kind: "organisation", query: "ncmec cybertipline", expect: ["ncmec-cybertipline"], rank: 1 },
  { kind: "organisation", query: "microsoft photodna", expect: ["photodna"], rank: 3 },
  { kind: "organisation", query: "thorn spotlight", expect: ["thorn-spotlight"], rank: 1 },
  { kind: "organisation", query: "europol trace object", expect: ["europol-trace-an-object"], rank: 1 },
  { kind: "acronym", query: "IWF", expect: ["iwf-hotline", "iwf-known-websites-database"], rank: 3 },
  { kind: "acronym", query: "CETS", expect: ["cets"], rank: 1 },
  { kind: "acronym", query: "ICSE", expect: ["interpol-icse-database"], rank: 3 },
  { kind: "acronym", query: "CVIP", expect: ["ncmec-cvip"], rank: 1 },
  { kind: "acronym", query: "ECAP", expect: ["fbi-endangered-child-alert-program"], rank: 1 },
  { kind: "broad", query: "forensic", expect: ["encase", "ftk-imager"], rank: 10 },
  { kind: "broad", query: "forensic tools", expect: ["encase", "ftk-imager"], rank: 10 },
  { kind: "broad", query: "hotline", expect: ["iwf-hotline"], rank: 20 },
  {
    kind: "broad",
    query: "victim identification",
    expect: ["ncmec-cvip", "hsi-victim-identification-program"],
    rank: 10,
  },
];
