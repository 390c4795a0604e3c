/* The error atlas in the site's search (book/_ext/atlas_pages.py).
 *
 * A reader pastes a message, with the path, address or process id their own run printed. Sphinx's
 * search wants every word of the query on one page, so such a query finds nothing, or pages that
 * merely mention the words. Here each atlas entry's identifying lines (atlas_data.js, the same
 * regular expressions examples_scripts/explain_error.py uses) are tested against the query, and
 * the entries it matches go to the top of the results, best first.
 */
(() => {
  "use strict";

  const escape = (text) =>
    text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

  // The same rule as examples_scripts/atlas/entries.py matches(): one of the first line's
  // alternatives opens an entry, each further line adds its length. A hang or a silent failure
  // has no message to paste: its title, typed as Sphinx matches titles, opens it too.
  const atlasHits = (query) => {
    const text = query.split(/\r?\n/).map((line) => line.trimEnd()).join("\n") + "\n";
    const typed = query.toLowerCase().trim();
    const hits = [];
    for (const entry of window.ATLAS_ENTRIES || []) {
      const opened = entry.first.map((p, i) => (new RegExp(p).test(text) ? entry.firstLengths[i] : -1));
      let score = Math.max(...opened);
      const title = entry.title.toLowerCase();
      if (score < 0 && typed.length >= 8 && title.includes(typed) && typed.length >= title.length / 2) {
        score = typed.length;
      }
      if (score < 0) continue;
      entry.patterns.forEach((p, i) => { if (new RegExp(p).test(text)) score += entry.lengths[i]; });
      hits.push([score, entry]);
    }
    return hits.sort((a, b) => b[0] - a[0]);
  };

  const install = () => {
    if (typeof Search === "undefined" || Search._atlasInstalled) return;
    Search._atlasInstalled = true;
    const original = Search._performSearch;
    Search._performSearch = (query, ...rest) => {
      const results = original(query, ...rest); // displayed from the end: the best result is last
      const hits = atlasHits(query);
      const ours = new Set(hits.map(([, e]) => `${e.doc}#${e.id}`));
      const kept = results.filter((r) => !ours.has(`${r[0]}${r[2]}`));
      hits.reverse().forEach(([score, e]) => {
        const page = Search._index.titles[Search._index.docnames.indexOf(e.doc)] || "";
        const title = `<code>${escape(e.title)}</code>`;
        // A description, so that Sphinx does not fetch a summary: its summary of an anchor that
        // is a label (an empty <span id>) is null, and appending it is a console error.
        kept.push([e.doc, title, `#${e.id}`, `error atlas: ${escape(page)}`, 1000 + score, `${e.doc}.md`]);
      });
      return kept;
    };
  };

  // searchtools.js comes after this script on the search page; wrap it before its init() runs.
  install();
  document.addEventListener("DOMContentLoaded", install);
})();
