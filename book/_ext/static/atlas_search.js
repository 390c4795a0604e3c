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

  const atlasHits = (query) => {
    const text = query.split(/\r?\n/).map((line) => line.trimEnd()).join("\n") + "\n";
    const hits = [];
    for (const entry of window.ATLAS_ENTRIES || []) {
      const [first, ...more] = entry.patterns.map((p) => new RegExp(p));
      if (!first.test(text)) continue;
      let score = entry.lengths[0];
      more.forEach((re, i) => { if (re.test(text)) score += entry.lengths[i + 1]; });
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
        const title = `${escape(page)} &gt; <code>${escape(e.title)}</code>`;
        kept.push([e.doc, title, `#${e.id}`, null, 1000 + score, `${e.doc}.md`]);
      });
      return kept;
    };
  };

  // searchtools.js comes after this script on the search page; wrap it before its init() runs.
  install();
  document.addEventListener("DOMContentLoaded", install);
})();
