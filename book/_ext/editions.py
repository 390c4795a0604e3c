"""The Simplified Chinese edition's configuration, derived from _config.yml.

Jupyter Book's ``--config`` replaces _config.yml rather than adding to it, so the Chinese build
gets a whole copy of it, written by this script, with the language, the catalogs
(``locales/zh_CN/LC_MESSAGES``), Chinese search (jieba, with the book's own terms) and every
path made absolute (the copy lives under _build/)::

    python book/_ext/editions.py zh_CN _build/zh/_config.yml
    jupyter-book build . --config _build/zh/_config.yml --path-output _build/zh

The English edition is published at the site's root and the Chinese one under ``zh/``
(book/_ext/translation.py links each page to the same page in the other edition).
"""

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = {"zh_CN": {"search": "zh", "folder": "zh", "search_bar": "搜索本书……"}}


def derived(language):
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    sphinx = config.setdefault("sphinx", {})
    sphinx["local_extensions"] = {name: str(ROOT / path) for name, path in sphinx["local_extensions"].items()}
    config["bibtex_bibfiles"] = [str(ROOT / p) for p in config.get("bibtex_bibfiles", [])]
    settings = sphinx.setdefault("config", {})
    settings["language"] = language
    settings["locale_dirs"] = [str(ROOT / "locales")]
    settings["html_search_language"] = LANGUAGES[language]["search"]
    settings["html_search_options"] = {"dict": str(ROOT / "locales" / language / "jieba_dict.txt")}
    # the theme's own labels come translated with it, all but the search box's (Jupyter Book sets it)
    sphinx["recursive_update"] = True
    settings["html_theme_options"] = {"search_bar_text": LANGUAGES[language]["search_bar"]}
    return config


def main():
    language, out = sys.argv[1], Path(sys.argv[2])
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(yaml.safe_dump(derived(language), allow_unicode=True, sort_keys=False), encoding="utf-8")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
