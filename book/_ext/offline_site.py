"""Keep the built site self-contained: nothing on a page may load from another host.

Jupyter Book 1 always loads ``sphinx_thebe``.  The book does not use Thebe (its live
mode is Binder / JupyterLab), yet that extension registers an inline script defining
``THEBE_JS_URL`` (a CDN address) on every page, and registers it again whenever the
event fires a second time, which throws ``Identifier 'THEBE_JS_URL' has already been
declared`` in the browser.  This extension removes those scripts after they are added, and
the Thebe configuration block sphinx_thebe writes into each page.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx


def _is_thebe(js) -> bool:
    filename = getattr(js, "filename", None) or ""
    body = (getattr(js, "attributes", None) or {}).get("body", "")
    if isinstance(js, tuple):  # registry entries are (filename, priority, attributes)
        filename = js[0] or ""
        body = js[2].get("body", "") if len(js) > 2 else ""
    return "THEBE_JS_URL" in body or "thebe" in str(filename)


def _drop_thebe_scripts(app: Sphinx, env, docnames) -> None:
    app.registry.js_files[:] = [js for js in app.registry.js_files if not _is_thebe(js)]
    builder = getattr(app, "builder", None)
    if builder is not None and hasattr(builder, "_js_files"):
        builder._js_files[:] = [js for js in builder._js_files if not _is_thebe(js)]


def _drop_thebe_from_page(app: Sphinx, pagename, templatename, context, doctree) -> None:
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
    # priority > 500 so that this runs after sphinx_thebe's own handler
    app.connect("env-before-read-docs", _drop_thebe_scripts, priority=900)
    app.connect("html-page-context", _drop_thebe_from_page, priority=900)
    app.connect("doctree-resolved", _drop_thebe_config, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
