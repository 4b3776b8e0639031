"""Every chapter follows the book's anatomy: objectives, exercises with solutions, a
summary, a link to its homework, figures with alt text, and asserting sympy cells."""

from __future__ import annotations

import re

import pytest

from helpers import BUILD_HTML, notebook_docs, source_path

CHAPTERS = [doc for doc in notebook_docs() if re.match(r"book/\d\d_", doc)]


@pytest.fixture(params=CHAPTERS)
def chapter(request):
    return request.param, source_path(request.param).read_text(encoding="utf-8")


def test_objectives_and_summary(chapter):
    doc, text = chapter
    assert re.search(r"what you will learn", text, re.I), doc
    assert re.search(r"^## Summary", text, re.M), doc


def test_four_to_six_exercises_each_with_a_dropdown_solution(chapter):
    doc, text = chapter
    exercises = re.findall(r"^```\{exercise\}", text, re.M)
    solutions = re.findall(r"^```\{solution-start\}[^\n]*\n:class: dropdown", text, re.M)
    assert 4 <= len(exercises) <= 6, doc
    assert len(solutions) == len(exercises), doc


def test_figures_have_alt_text(chapter):
    doc, text = chapter
    for block in re.findall(r"```\{glue:figure\}.*?```", text, re.S):
        alt = re.search(r"^:alt:\s*(.+)$", block, re.M)
        assert alt and len(alt.group(1).strip()) > 20, (doc, block[:80])


def test_sympy_cells_assert(chapter):
    doc, text = chapter
    if "sympy" in text:
        assert re.search(r"^\s*assert ", text, re.M), f"{doc} uses sympy but asserts nothing"


def test_numbers_are_glued(chapter):
    doc, text = chapter
    assert "{glue:text}" in text or "{glue}" in text, doc


def test_exercises_link_the_homework(site_build, chapter):
    doc, _ = chapter
    html = (BUILD_HTML / f"{doc}.html").read_text(encoding="utf-8")
    exercises = html[html.find('id="exercises"'):]
    assert 'href="instructors.html' in exercises, doc


def test_live_instructions_are_said_once_in_the_intro_and_name_a_command_that_exists():
    """How to run a chapter live is one shared section of the intro page; `make book` installs
    no JupyterLab, so the local route is `make lab`, and a reader without make gets pip."""
    text = source_path("book/intro").read_text(encoding="utf-8")
    start = text.find("(run-live)=")
    assert start >= 0, "the intro page has no run-live section"
    live = text[start:]
    assert "make lab" in live
    assert "pip install -r requirements.txt" in live
    assert ".venv/bin/jupyter lab" not in live
