import { parse } from 'node:url';

/**
 * Node 24 warns once (DEP0169) when url.parse() is called from outside node_modules, and until it
 * has warned it walks up to 100 stack frames on every call to learn where the call came from.
 * Apollo's express integration parses every request's URL with url.parse() from node_modules, so
 * the warning was never due and every request paid for the walk: 12-32 µs a call here, about 5 %
 * of the gateway's CPU for a `{ __typename }` in a profile. One call from here, with deprecation
 * warnings silenced for that call alone, uses the warning up; each later call costs only the parse.
 * Folio's own code uses the WHATWG URL API, so the one warning this hides was never going to show.
 */
export function settleUrlParseWarning(): void {
  const quiet = process.noDeprecation;
  process.noDeprecation = true;
  try {
    parse('/');
  } finally {
    process.noDeprecation = quiet;
  }
}
