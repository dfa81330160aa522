"""Lexicons are data: every word list lives in pipeline/resources with its purpose and source, none in stage code."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from pipeline import resources

ROOT = Path(__file__).resolve().parent.parent
# layer/syntax.py maps dependency labels (TIGER, UD), the one place that holds them; they are no German words
STAGE_CODE = [p for package in ("layer", "entities", "claims", "figures") for p in (ROOT / "pipeline" / package).glob("*.py")
              if p.name != "syntax.py"]
LEXICONS = sorted((resources.RESOURCES / resources.LEXICONS).glob("*.txt"))
# Closed vocabularies of the output schema (values of a column), not lexicons of German.
SCHEMA_VOCABULARIES = {"FORMS", "KINDS", "QUALIFIERS"}
GERMAN_WORD = re.compile(r"^[a-zäöüß][a-zäöüß.:*]*$")
LARGEST_LITERAL = 7  # a closed class of up to seven words may stay in a rule's condition


def _string_literals(node: ast.AST) -> list[str] | None:
    """The strings of a set/tuple/list literal, or of ``frozenset("a b c".split())``."""
    if isinstance(node, (ast.Set, ast.Tuple, ast.List)):
        if node.elts and all(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts):
            return [e.value for e in node.elts]
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "split" and not node.args:
        if isinstance(node.func.value, ast.Constant) and isinstance(node.func.value.value, str):
            return node.func.value.value.split()
    return None


def _word_list_literals(source: str) -> list[tuple[int, str, int]]:
    tree = ast.parse(source)
    allowed = {
        id(n.value) for n in ast.walk(tree)
        if isinstance(n, ast.Assign) and any(isinstance(t, ast.Name) and t.id in SCHEMA_VOCABULARIES for t in n.targets)
    }
    found = []
    for node in ast.walk(tree):
        words = _string_literals(node)
        if words and id(node) not in allowed and len(words) > LARGEST_LITERAL and all(GERMAN_WORD.match(w) for w in words):
            found.append((node.lineno, " ".join(words[:4]), len(words)))
    return found


def test_stage_code_holds_no_word_lists():
    offenders = [f"{p.relative_to(ROOT)}:{line} ({n} words: {head} ...)" for p in STAGE_CODE
                 for line, head, n in _word_list_literals(p.read_text(encoding="utf-8"))]
    assert not offenders, "word lists belong in pipeline/resources/lexicons/: " + "; ".join(offenders)


def test_the_literal_check_catches_a_word_list():
    code = 'X = {"der", "die", "das", "des", "dem", "den", "ein", "eine"}\nY = frozenset("a b c d e f g h".split())\n'
    assert [n for _, _, n in _word_list_literals(code)] == [8, 8]
    assert not _word_list_literals('KINDS = ("a", "b", "c", "d", "e", "f", "g", "h")\nZ = ("VERB", "AUX", "ADP", "DET", "PRON", "ADV", "X", "Y")\n')


@pytest.mark.parametrize("path", LEXICONS, ids=[p.stem for p in LEXICONS])
def test_each_word_list_says_what_it_is_for_and_where_it_comes_from(path):
    text = path.read_text(encoding="utf-8")
    header = [line for line in text.splitlines() if line.startswith("#")]
    assert header and len(header[0]) > 20, f"{path.name}: first line must say what the list is for"
    assert any(line.startswith("# Source:") for line in header), f"{path.name}: no '# Source:' line"
    assert any(line.startswith("# Used by:") for line in header), f"{path.name}: no '# Used by:' line"
    entries = resources.word_list(path.stem)
    assert entries, f"{path.name} is empty"
    duplicates = sorted({e for e in entries if entries.count(e) > 1})
    assert not duplicates, f"{path.name}: duplicate entries {duplicates}"
    if "each a single token" in text:
        assert not [e for e in entries if any(c.isspace() for c in e)], f"{path.name}: multi-word entries in a single-token list"


def test_every_resource_file_is_used():
    code = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "pipeline").rglob("*.py") if "resources" not in p.parts)
    unused = []
    for path in sorted(resources.RESOURCES.rglob("*")):
        if not path.is_file() or path.suffix in (".py", ".pyc") or path.parent.name in ("audit", "__pycache__"):
            continue
        name = path.stem if path.parent.name == resources.LEXICONS else path.name
        if f'"{name}"' not in code:
            unused.append(str(path.relative_to(resources.RESOURCES)))
    assert not unused, f"resource files no code reads: {unused}"


def test_no_word_is_listed_twice_in_a_lexicon_table():
    # role_nouns.tsv lists "Manager" twice on purpose (German with gender first, English unmarked; first wins)
    for name in ("non_names.tsv", "org_keywords.tsv", "reporting_nouns.tsv", "parties.tsv", "nationalities.tsv"):
        keys = [tuple(row[:2]) if name == "org_keywords.tsv" else row[0] for row in resources.rows(name)]
        assert len(keys) == len(set(keys)), f"{name}: duplicate entries {sorted({k for k in keys if keys.count(k) > 1})[:5]}"
