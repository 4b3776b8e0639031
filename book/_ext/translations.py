"""Sphinx gettext (i18n) for myst-nb notebook pages: what the Japanese edition needs.

The Japanese edition is the English sources read through the catalogs in
``locales/ja/LC_MESSAGES/book/<page>.po`` (``language: ja``), with the same code cells and the
same execution cache, so code and numbers cannot drift between the editions. Three things break when a myst-nb page is translated with Sphinx's catalogs:

1. Glued values vanish from translated paragraphs. Sphinx parses every msgstr as a small new
   document (``sphinx.transforms.i18n.publish_msgstr``); myst-nb parses such ``<translated>``
   snippets as plain MyST, and ``{glue:text}`` then finds no ``nb_renderer`` on that document:
   "No key 'x' found in glue data for this document.". Fix: hand the page's renderer (which
   holds the page's executed glue data) to the snippets of the same page.
2. The gettext builder drops image outputs (myst-nb's mime priority for ``gettext`` is
   latex > markdown > plain), so alt texts of ``glue:figure`` are missing from the catalogs,
   while code outputs (sympy displays, tables printed by code) do land in them. Fix: let the
   gettext builder pick the same mime types as HTML, and mark everything a code cell *outputs*
   as not translatable except image alt text: numbers and derivations come from the code.
3. Exercise titles never match: sphinx-exercise puts its own, already localised label into the
   title ("ExerciseAnother die" when extracting, "練習Another die" in the ja build). Fix: the
   subtitle alone is the message, and the gettext builder sees it before sphinx-exercise's
   post-transforms rebuild the title.

Two more things a translated page needs:

4. Figures drawn with words on them: a hidden figure cell may glue, beside ``key``, a version
   drawn in the edition's language under ``key-<language>`` (``loaded_dice.i18n.glue_figure``);
   a page built with that language shows it in place of ``key``.
5. Explorer snapshots take their alt text from the cell's metadata (``mystnb: image: alt:``,
   see ``explorer_pages.py``), not from a node: the gettext builder adds those texts to the
   page's catalog, and a translated build puts the translation into the metadata.
"""

from __future__ import annotations

from docutils import nodes
from explorer_pages import cell_image_alt  # book/_ext, a sibling extension
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

_KEY = "i18n_notebooks_nb_renderer"


class _Attributes(dict):
    """document.attributes that remembers the page's renderer when myst-nb pops it."""

    def __init__(self, data, env):
        super().__init__(data)
        self._env = env

    def pop(self, key, *default):
        value = super().pop(key, *default)
        if key == "nb_renderer" and value is not None:
            self._env.temp_data[_KEY] = value
        return value


def _patch_myst_nb_parser() -> None:
    from myst_nb.sphinx_ import Parser

    if getattr(Parser.parse, "_i18n_patched", False):
        return
    original = Parser.parse

    def parse(self, inputstring, document):
        env = getattr(document.settings, "env", None)
        if env is None:
            return original(self, inputstring, document)
        if str(document.current_source or "").endswith("<translated>"):
            # a msgstr of this page: give it the page's renderer (and glue data)
            renderer = env.temp_data.get(_KEY)
            if renderer is None:
                return original(self, inputstring, document)
            document.attributes["nb_renderer"] = renderer
            try:
                return original(self, inputstring, document)
            finally:
                # as myst-nb does for the page: the renderer must not be pickled with the doctree
                document.attributes.pop("nb_renderer", None)
        # the page itself: myst-nb keeps its renderer on the document only while it
        # parses (it pops "nb_renderer" at the end); remember it for the msgstrs, which
        # Sphinx parses later, in the Locale transform of the same page
        env.temp_data.pop(_KEY, None)
        document.attributes = _Attributes(document.attributes, env)
        try:
            return original(self, inputstring, document)
        finally:
            document.attributes = dict(document.attributes)

    parse._i18n_patched = True
    Parser.parse = parse


def _patch_exercise_directive() -> None:
    from sphinx_exercise import directive as ex_directive
    from sphinx_exercise.nodes import exercise_subtitle

    cls = ex_directive.ExerciseDirective
    if getattr(cls.run, "_i18n_patched", False):
        return
    original = cls.run

    def run(self):
        result = original(self)
        if self.arguments:
            for node in result:
                for sub in node.findall(exercise_subtitle):
                    sub.rawsource = self.arguments[0]
                    sub.source, sub.line = self.state_machine.get_source_and_line(self.lineno)
                    break
        return result

    run._i18n_patched = True
    cls.run = run


class UntranslatableOutputs(SphinxTransform):
    """Code-cell outputs are computed, never translated (image alt text excepted);
    the exercise title's own label is not a message, its subtitle is."""

    default_priority = 5  # before PreserveTranslatableMessages (10) and Locale (20)

    def apply(self, **kwargs) -> None:
        for container in self.document.findall(nodes.container):
            if container.get("nb_element") != "cell_code_output":
                continue
            for node in container.findall(nodes.Element):
                if not isinstance(node, nodes.image):
                    node["translatable"] = False
        # a displayed formula is the same in every edition (its words: see TEX_WORDS)
        for node in self.document.findall(nodes.math_block):
            node["translatable"] = False
        try:
            from sphinx_exercise.nodes import exercise_title, solution_title
        except ImportError:
            return
        for title in self.document.findall(lambda n: isinstance(n, (exercise_title, solution_title))):
            title["translatable"] = False


def _localised_glue(language: str) -> None:
    """In a build for ``language``, glue key ``k`` reads ``k-<language>`` when the page glued it."""
    from myst_nb.ext.glue import directives, roles, utils

    original = utils.retrieve_glue_data

    def retrieve(document, key):
        try:
            return original(document, f"{key}-{language}")
        except utils.RetrievalError:
            return original(document, key)

    directives.retrieve_glue_data = retrieve
    roles.retrieve_glue_data = retrieve


def _explorer_cells(doctree):
    for cell in doctree.findall(nodes.container):
        if cell.get("nb_element") != "cell_code" or not cell_image_alt(cell):
            continue
        if any("data-explorer=" in raw.astext() for raw in cell.findall(nodes.raw)):
            yield cell


def page_catalog(transform: SphinxTransform):
    """The compiled catalog of the page being read, or None (English, or no catalog)."""
    if not transform.config.language or transform.config.language == "en":
        return None
    from sphinx.locale import init as init_locale
    from sphinx.util.i18n import docname_to_domain

    dirs = [str(transform.env.srcdir / d) for d in transform.config.locale_dirs]
    domain = docname_to_domain(transform.env.docname, transform.config.gettext_compact)
    catalog, has_catalog = init_locale(dirs, transform.config.language, domain)
    return catalog if has_catalog else None


class TranslateTocCaptions(SphinxTransform):
    """A translated build: the part captions of the table of contents. sphinx-external-toc
    inserts the toctrees (priority 100) after the Locale transform (20) has run."""

    default_priority = 101

    def apply(self, **kwargs) -> None:
        catalog = page_catalog(self)
        if catalog is None:
            return
        from sphinx import addnodes

        for toctree in self.document.findall(addnodes.toctree):
            caption = toctree.get("caption")
            if caption and catalog.gettext(caption) != caption:
                toctree["caption"] = toctree["rawcaption"] = catalog.gettext(caption)


class TranslateExplorerAlt(SphinxTransform):
    """A translated build: the explorer snapshot's alt text (cell metadata) from the catalog."""

    default_priority = 25  # after Locale (20)

    def apply(self, **kwargs) -> None:
        catalog = page_catalog(self)
        if catalog is None:
            return
        for cell in _explorer_cells(self.document):
            alt = cell_image_alt(cell)
            translated = catalog.gettext(alt)
            if translated and translated != alt:
                meta = dict(cell["cell_metadata"])
                mystnb = dict(meta.get("mystnb") or {})
                mystnb["image"] = dict(mystnb.get("image") or {}, alt=translated)
                meta["mystnb"] = mystnb
                cell["cell_metadata"] = meta


class RefreshExerciseRegistry(SphinxTransform):
    """A translated build: sphinx-exercise copies each exercise into its registry while the
    directive runs, before the Locale transform translates the title, and a solution's header
    is made from that copy ("解答 練習 1 (the English title)"). Copy the translated exercise."""

    default_priority = 25  # after Locale (20)

    def apply(self, **kwargs) -> None:
        if not self.config.language or self.config.language == "en":
            return
        try:
            from sphinx_exercise.nodes import exercise_enumerable_node, exercise_node
        except ImportError:
            return
        registry = getattr(self.env, "sphinx_exercise_registry", {})
        kinds = (exercise_enumerable_node, exercise_node)
        for node in self.document.findall(lambda n: isinstance(n, kinds)):
            entry = registry.get(node.get("label"))
            if entry is not None and entry.get("docname") == self.env.docname:
                entry["node"] = node.deepcopy()


#: Words inside formulas that a translated edition shows in its language: the tags that name
#: the source article's equations ("article (3.1)") and the words written with \text{…}.
#: Everything else in a formula is the same in every edition (tests/site/test_editions.py
#: compares the formulas of both editions with this table applied).
TEX_WORDS = {
    "ja": [
        (r"\tag*{article (", r"\tag*{記事の式 ("),
        (r"\text{fair}", r"\text{公正}"),
        (r"\text{dog}", r"\text{イヌ}"),
        (r"\text{fox}", r"\text{キツネ}"),
        (r"\text{wolf}", r"\text{オオカミ}"),
        (r"\text{even}", r"\text{偶数}"),
        (r"\text{sequence}", r"\text{出目の列}"),
        (r"\text{subject to}", r"\text{ただし}"),
        (r"\text{largest }", r"\text{最大の }"),
        (r"\text{smallest }", r"\text{最小の }"),
        (r"\text{loss}", r"\text{損失}"),
        (r"\text{hypothesis}", r"\text{仮説}"),
        (r"\text{best}", r"\text{最良}"),
        (r"\text{ for every real } b", r"\text{（すべての実数 } b \text{ について）}"),
    ]
}


def localise_tex(tex: str, language: str) -> str:
    for english, translated in TEX_WORDS.get(language, []):
        tex = tex.replace(english, translated)
    return tex


class LocaliseMathTags(SphinxTransform):
    """A translated build: the words of :data:`TEX_WORDS` inside formulas, in its language."""

    default_priority = 25  # after Locale (20)

    def apply(self, **kwargs) -> None:
        language = self.config.language or "en"
        if not TEX_WORDS.get(language):
            return
        for node in self.document.findall(lambda n: isinstance(n, (nodes.math, nodes.math_block))):
            tex = node.astext()
            localised = localise_tex(tex, language)
            if localised != tex:
                node.children = [nodes.Text(localised)]
                if "latex" in node.attributes:
                    node["latex"] = localise_tex(node["latex"], language)


def _collect_explorer_alt(app: Sphinx, doctree, docname: str) -> None:
    """The gettext builder: explorer alt texts are messages of their page."""
    if app.builder.name != "gettext":
        return
    from sphinx.builders.gettext import MsgOrigin
    from sphinx.util.i18n import docname_to_domain

    catalog = app.builder.catalogs[docname_to_domain(docname, app.config.gettext_compact)]
    for cell in _explorer_cells(doctree):
        catalog.add(cell_image_alt(cell), MsgOrigin(cell.source or app.env.doc2path(docname), cell.line or 0))


def _config_inited(app: Sphinx, config) -> None:
    from myst_nb.core.render import get_mime_priority

    html = get_mime_priority("html", config.nb_mime_priority_overrides)
    overrides = list(config.nb_mime_priority_overrides)
    for i, mime in enumerate(html):
        overrides.append(("gettext", mime, (i + 1) * 10))
    config.nb_mime_priority_overrides = overrides


def _skip_exercise_titles_for_gettext(app: Sphinx) -> None:
    if app.builder.name != "gettext":
        return
    from sphinx_exercise import post_transforms as pt

    for name in ("ResolveTitlesInExercises", "ResolveTitlesInSolutions"):
        cls = getattr(pt, name, None)
        if cls is not None:
            cls.builders = ("__none__",)


def setup(app: Sphinx) -> dict:
    _patch_myst_nb_parser()
    _patch_exercise_directive()
    app.add_transform(UntranslatableOutputs)
    app.add_transform(TranslateExplorerAlt)
    app.add_transform(TranslateTocCaptions)
    app.add_transform(RefreshExerciseRegistry)
    app.add_transform(LocaliseMathTags)
    app.connect("doctree-resolved", _collect_explorer_alt)
    app.connect("config-inited", _config_inited, priority=900)
    app.connect("config-inited", lambda app, config: config.language and config.language != "en" and _localised_glue(config.language))
    app.connect("builder-inited", _skip_exercise_titles_for_gettext)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
