"""Two console errors every page of a Jupyter Book 1 site shows, fixed (tests/test_site.py
fails on any console error).

- sphinx-thebe adds its ``const THEBE_JS_URL = ...`` script once per read pass, so a page can
  get it twice: "Identifier 'THEBE_JS_URL' has already been declared". Keep the first copy.
- pydata-sphinx-theme logs "Got invalid theme mode: ." on a first visit unless a default mode
  is set. Default to "auto" (the reader's system setting).
"""


def fix_page(app, pagename, templatename, context, doctree):
    scripts, seen = [], set()
    for script in context.get("script_files", []):
        # the copies differ in their empty filename (None or ""): compare what the browser gets
        key = (getattr(script, "filename", script) or "", getattr(script, "attributes", {}).get("body", ""))
        if key not in seen:
            seen.add(key)
            scripts.append(script)
    context["script_files"] = scripts
    if not context.get("default_mode"):
        context["default_mode"] = "auto"


def setup(app):
    app.connect("html-page-context", fix_page)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
