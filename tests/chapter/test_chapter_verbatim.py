"""Chapter 12 verbatim (issue #6 item 7, FEATURES C12): every code block of
../shared/seed/ch12-custom-models-and-training.md runs in order with tensorlet in place of
TensorFlow, and prints what the book prints.

One notebook run per module (blocks share a namespace, as in the book's notebook); each block is
then reported as its own test. A missing chapter fails (it never skips).
"""

from __future__ import annotations

import os

import pytest

from tensorlet.core.context import set_debug_checks

from . import notebook as nbk
from . import runner
from .steps import CHAPTER, STEPS


def _blocks():
    try:
        return nbk.extract_blocks(nbk.locate(CHAPTER).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []


BLOCKS = _blocks()
IDS = [f"{b.index:02d}-md{b.line}" for b in BLOCKS] or ["chapter-missing"]


def chapter_path_or_fail():
    """The chapter's path, or a test failure that says where it should be."""
    try:
        return nbk.locate(CHAPTER)
    except FileNotFoundError as error:
        message = str(error)
    pytest.fail(message, pytrace=False)


@pytest.fixture(scope="module")
def chapter_run(tmp_path_factory):
    """Runs the whole chapter once in a scratch folder (the book saves models by bare name)."""
    try:
        path = nbk.locate(CHAPTER)
    except FileNotFoundError:
        return None
    notebook, state = nbk.Notebook(path), {}
    cwd = os.getcwd()
    os.chdir(tmp_path_factory.mktemp("chapter12"))
    set_debug_checks(True)
    try:
        results = runner.run_chapter(notebook, STEPS, state)
    finally:
        set_debug_checks(False)
        os.chdir(cwd)
    return notebook, results


@pytest.mark.parametrize("index", range(len(IDS)), ids=IDS)
def test_block(chapter_run, index):
    chapter_path_or_fail()
    _, results = chapter_run
    result = results[index]
    if result.status == "failed":
        pytest.fail(result.message, pytrace=False)


def test_every_block_runs_except_the_listed_ones(chapter_run):
    chapter_path_or_fail()
    notebook, results = chapter_run
    assert len(notebook.blocks) == 58, "the chapter changed: review tests/chapter/steps.py"
    not_code = [r.block.index for r in results if r.status == "not code"]
    assert not_code == [33]  # the training log printed by the book
    rewrites = [why for r in results for _, _, why in r.rewrites]
    assert len(rewrites) == 1, rewrites


def test_the_books_outputs_and_value_comments_are_checked(chapter_run):
    chapter_path_or_fail()
    _, results = chapter_run
    checked = [c for r in results for c in r.checked]
    outputs = [c for c in checked if c.endswith("prints the book's output")]
    raises = [c for c in checked if " raises " in c]
    comments = [c for c in checked if " returns " in c or " equals " in c]
    hooks = [c for c in checked if c.startswith("after-checks")]
    assert (len(outputs), len(raises), len(comments), len(hooks)) == (29, 4, 10, 25), (
        len(outputs), len(raises), len(comments), len(hooks))
