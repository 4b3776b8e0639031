"""Keep the built site self-contained: nothing on a page may load from another host.

Jupyter Book 1 always loads ``sphinx_thebe``.  The book does not use Thebe (its live
mode is Binder / JupyterLab), yet that extension registers an inline script defining
``THEBE_JS_URL`` (a CDN address) on every page, and registers it again whenever the
event fires a second time, which throws ``Identifier 'THEBE_JS_URL' has already been
declared`` in the browser.  This extension removes those scripts from every page, and
the Thebe configuration block sphinx_thebe writes into each page.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx


def _is_thebe(js) -> bool:
    """True for sphinx_thebe's scripts: its loader file and the inline THEBE_JS_URL block."""
    body = (getattr(js, "attributes", None) or {}).get("body", "")
    return "THEBE_JS_URL" in body or "thebe" in (getattr(js, "filename", None) or "")


def _drop_thebe_from_page(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Every page's script list is built from the registry: filtering it here catches the
    inline block however many times sphinx_thebe registered it."""
    scripts = context.get("script_files")
    if scripts:
        context["script_files"] = [js for js in scripts if not _is_thebe(js)]


def _drop_thebe_config(app: Sphinx, doctree, docname) -> None:
    """sphinx_thebe also writes a Thebe configuration block (pointing at an example
    repository) into every page; the book has no Thebe cells, so remove it."""
    for node in list(doctree.findall(nodes.raw)):
        if "text/x-thebe-config" in node.astext():
            node.parent.remove(node)


def setup(app: Sphinx) -> dict:
    # priority > 500 so that these run after sphinx_thebe's own handlers
    app.connect("html-page-context", _drop_thebe_from_page, priority=900)
    app.connect("doctree-resolved", _drop_thebe_config, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
