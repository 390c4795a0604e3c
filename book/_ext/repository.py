"""Repository, issue and edit buttons that point at the repository the book is built from.

The book has no fixed public address: forks and mirrors publish it too. GitHub Actions tells
every job where it runs (GITHUB_SERVER_URL and GITHUB_REPOSITORY), so the Pages workflow's
build gets buttons that point at its own repository. SPAWNSAFE_REPOSITORY_URL overrides that,
for any other host. A build on a reader's machine knows no repository and shows no button,
rather than a wrong one (Jupyter Book would point them at its own repository).
"""

import os


def repository_url(environ=os.environ):
    """The repository's web address, or None when the build does not know it."""
    if environ.get("SPAWNSAFE_REPOSITORY_URL"):
        return environ["SPAWNSAFE_REPOSITORY_URL"].rstrip("/")
    if environ.get("GITHUB_REPOSITORY"):
        return environ.get("GITHUB_SERVER_URL", "https://github.com") + "/" + environ["GITHUB_REPOSITORY"]
    return None


def add_buttons(app, config):
    url = repository_url()
    if url:
        config.html_theme_options.update(
            repository_url=url,
            repository_branch="main",
            path_to_docs="",
            use_repository_button=True,
            use_issues_button=True,
            use_edit_page_button=True,
        )


def setup(app):
    app.connect("config-inited", add_buttons)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
