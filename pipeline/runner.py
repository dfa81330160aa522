"""Run the stages in sequence or one at a time, persisting what is expensive to recompute.

Intermediate data (``data/interim/``, regenerated, git-ignored):

``documents.jsonl``  one JSON object per decoded document (ingest; includes the raw text)
``problems.jsonl``   files that could not be read (ingest)
``cleaned.jsonl``    blocks, boilerplate decisions and cleaned text per document (clean)
``parsed.spacy``     a spaCy ``DocBin`` of the cleaned texts after the statistical pipeline (parse)
``parsed.json``      the pipeline that produced ``parsed.spacy`` (provenance)

The extraction stages (entities, claims, figures) are rule-based spaCy components over the parsed
``Doc``; running one of them alone re-applies the components it depends on to the saved parse, which
takes a fraction of the parse time, so nothing is re-ingested or re-parsed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from spacy.language import Language
from spacy.tokens import Doc, DocBin

from . import __version__, boilerplate, claims, entities, figures  # noqa: F401  (registers components)
from .export import OutputBatch, read_json, read_jsonl, record_to_row
from .ingest import DEFAULT_MAX_BYTES, Document, IngestError, IngestProblem, ingest_directory
from .language import is_minable
from .model import ModelChoice, describe_pipeline, load_model, resolve_model
from .schema import BOILERPLATE, CLAIMS, DOCUMENTS, ENTITIES, ERRORS, FIGURES, MENTIONS, Table

log = logging.getLogger(__name__)
T = TypeVar("T")

# Each extraction stage with the components it needs, in pipeline order, and the tables it writes.
EXTRACTION_STAGES: dict[str, tuple[tuple[str, ...], tuple[Table, ...]]] = {
    "entities": (("claimgraph_entities",), (MENTIONS, ENTITIES)),
    "claims": (("claimgraph_entities", "claimgraph_claims"), (CLAIMS,)),
    "figures": (("claimgraph_entities", "claimgraph_claims", "claimgraph_figures"), (FIGURES,)),
}
ALL_COMPONENTS = EXTRACTION_STAGES["figures"][0]
TEXTS_FILE = "texts.jsonl"
MANIFEST_FILE = "manifest.json"


class StageError(Exception):
    """A stage cannot run (missing input from the previous stage, no readable files ...)."""


def no_progress(items: Iterable[T], total: int, label: str) -> Iterable[T]:
    return items


@dataclass
class RunConfig:
    input_dir: Path = Path("data/raw")
    output_dir: Path = Path("data/processed")
    interim_dir: Path = Path("data/interim")
    model: str | None = None
    strip_boilerplate: bool = True
    boilerplate_phrases: tuple[Path, ...] = ()
    max_doc_bytes: int = DEFAULT_MAX_BYTES
    batch_size: int = 16
    strict: bool = False  # stop at the first problem instead of skipping the file
    excel_safe: bool = False  # neutralise text cells a spreadsheet would run as a formula
    progress: Callable[[Iterable[Any], int, str], Iterable[Any]] = no_progress
    on_warning: Callable[[str], None] = log.warning
    extra: dict[str, Any] = field(default_factory=dict)


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


# --------------------------------------------------------------------------- ingest


def run_ingest(cfg: RunConfig) -> tuple[list[Document], list[IngestProblem]]:
    started = _now()
    try:
        result = ingest_directory(cfg.input_dir, cfg.max_doc_bytes)
    except IngestError as exc:
        raise StageError(str(exc)) from exc
    for problem in result.problems:
        if cfg.strict:
            raise StageError(f"{problem.path}: {problem.message} (--strict: stopped at the first problem, nothing written)")
        action = "skipped" if problem.fatal else "warning"
        cfg.on_warning(f"{problem.path}: {action} ({problem.problem}): {problem.message}")
    if not result.documents:
        raise StageError(f"no readable .txt or .md files in {cfg.input_dir} ({len(result.problems)} skipped)")
    with OutputBatch(cfg.interim_dir) as interim:
        interim.write_jsonl("documents.jsonl", (dataclasses.asdict(d) for d in result.documents))
        interim.write_jsonl("problems.jsonl", (dataclasses.asdict(p) for p in result.problems))
    with OutputBatch(cfg.output_dir, excel_safe=cfg.excel_safe) as out:
        out.write_jsonl(TEXTS_FILE, ({"doc_id": d.doc_id, "path": d.path, "text": d.text} for d in result.documents))
        out.write_table(ERRORS, _error_rows(result.documents, result.problems, []))
        _write_manifest(out, cfg, "ingest", started, documents=result.documents, problems=result.problems, tables=out.row_counts)
    return result.documents, result.problems


def load_documents(cfg: RunConfig) -> list[Document]:
    path = cfg.interim_dir / "documents.jsonl"
    if not path.exists():
        raise StageError(f"{path} not found: run `python cli.py ingest` first")
    return [Document(**row) for row in read_jsonl(path)]


def load_problems(cfg: RunConfig) -> list[IngestProblem]:
    path = cfg.interim_dir / "problems.jsonl"
    return [IngestProblem(**row) for row in read_jsonl(path)] if path.exists() else []


# --------------------------------------------------------------------------- clean


def run_clean(cfg: RunConfig, documents: Sequence[Document] | None = None) -> dict[str, boilerplate.CleanResult]:
    started = _now()
    documents = load_documents(cfg) if documents is None else documents
    lexicon = boilerplate.load_lexicon(cfg.boilerplate_phrases)
    cleaned = {
        doc.doc_id: boilerplate.clean_document(doc.text, strip=cfg.strip_boilerplate, lexicon=lexicon)
        for doc in cfg.progress(documents, len(documents), "clean")
    }
    with OutputBatch(cfg.interim_dir) as interim:
        interim.write_jsonl("cleaned.jsonl", ({"doc_id": k, **dataclasses.asdict(v)} for k, v in cleaned.items()))
    with OutputBatch(cfg.output_dir, excel_safe=cfg.excel_safe) as out:
        out.write_table(
            BOILERPLATE,
            (record_to_row(block, BOILERPLATE, doc_id=doc_id) for doc_id, res in cleaned.items() for block in res.removed_blocks),
        )
        _write_manifest(out, cfg, "clean", started, tables=out.row_counts)
    return cleaned


def load_cleaned(cfg: RunConfig) -> dict[str, boilerplate.CleanResult]:
    path = cfg.interim_dir / "cleaned.jsonl"
    if not path.exists():
        raise StageError(f"{path} not found: run `python cli.py clean` first")
    cleaned = {}
    for row in read_jsonl(path):
        blocks = tuple(
            boilerplate.Block(**{**b, "signals": tuple(tuple(s) for s in b["signals"]), "flags": tuple(b["flags"])})
            for b in row.pop("blocks")
        )
        doc_id = row.pop("doc_id")
        cleaned[doc_id] = boilerplate.CleanResult(blocks=blocks, **row)
    return cleaned


# --------------------------------------------------------------------------- parse (+ extraction)


def load_pipeline(cfg: RunConfig, components: Sequence[str] = ()) -> tuple[Language, ModelChoice]:
    """The statistical pipeline the user chose (with fallback) plus our extraction components."""
    choice = resolve_model(cfg.model)
    warning = choice.warning()
    if warning:
        cfg.on_warning(warning)
    nlp = load_model(choice)
    nlp.max_length = max(nlp.max_length, cfg.max_doc_bytes + 1)
    for name in components:
        nlp.add_pipe(name)
    return nlp, choice


def _texts_with_ids(documents: Sequence[Document], cleaned: dict[str, boilerplate.CleanResult]) -> Iterator[tuple[str, str]]:
    for doc in documents:
        yield cleaned[doc.doc_id].clean_text, doc.doc_id


def _parse(nlp: Language, cfg: RunConfig, documents, cleaned, label: str, failures: list[dict]) -> Iterator[Doc]:
    """``nlp.pipe`` over the German documents; a document a component fails on is recorded, not fatal."""
    minable = [d for d in documents if is_minable(d.language)]

    def record_failure(proc_name, proc, docs, exc):
        for doc in docs:
            failures.append({"doc_id": doc._.doc_id, "stage": f"nlp:{proc_name}", "problem": "failed", "message": f"{type(exc).__name__}: {exc}"})
        if cfg.strict:
            raise exc

    nlp.set_error_handler(record_failure)
    docs_in = (_with_id(nlp.make_doc(cleaned[d.doc_id].clean_text), d.doc_id) for d in minable)
    for doc in cfg.progress(nlp.pipe(docs_in, batch_size=cfg.batch_size), len(minable), label):
        yield doc


def _with_id(doc: Doc, doc_id: str) -> Doc:
    doc._.doc_id = doc_id
    return doc


def run_parse(cfg: RunConfig, documents=None, cleaned=None, *, extract: bool = False, failures: list[dict] | None = None) -> list[Doc]:
    """Run the statistical pipeline (and with ``extract`` all extraction components) over the cleaned texts."""
    started = _now()
    documents = load_documents(cfg) if documents is None else documents
    cleaned = load_cleaned(cfg) if cleaned is None else cleaned
    nlp, choice = load_pipeline(cfg, ALL_COMPONENTS if extract else ())
    provenance = describe_pipeline(nlp, choice)
    failures = [] if failures is None else failures
    docs = list(_parse(nlp, cfg, documents, cleaned, "extract" if extract else "parse", failures))
    paths = {d.doc_id: d.path for d in documents}
    for failure in failures:
        failure["path"] = paths.get(failure["doc_id"])
        cfg.on_warning(f"{failure['path']}: {failure['stage']} failed, document left out of the extraction tables: {failure['message']}")
    doc_bin = DocBin(store_user_data=False)
    for doc in docs:
        doc_bin.add(doc)
    with OutputBatch(cfg.interim_dir) as interim:
        interim.write_bytes("parsed.spacy", doc_bin.to_bytes())
        interim.write_json("parsed.json", {"pipeline": provenance, "doc_ids": [d._.doc_id for d in docs]})
    with OutputBatch(cfg.output_dir, excel_safe=cfg.excel_safe) as out:
        by_id = {d._.doc_id: d for d in docs}
        out.write_table(DOCUMENTS, (_document_row(d, cleaned[d.doc_id], by_id.get(d.doc_id)) for d in documents))
        out.write_table(ERRORS, _error_rows(documents, load_problems(cfg), failures))
        if extract:
            _write_extraction_tables(out, docs, ("entities", "claims", "figures"))
        _write_manifest(out, cfg, "extract" if extract else "parse", started, pipeline=provenance, tables=out.row_counts)
    return docs


def load_parsed(cfg: RunConfig, nlp: Language) -> list[Doc]:
    path = cfg.interim_dir / "parsed.spacy"
    meta = read_json(cfg.interim_dir / "parsed.json")
    if not path.exists() or meta is None:
        raise StageError(f"{path} not found: run `python cli.py parse` first")
    docs = list(DocBin().from_bytes(path.read_bytes()).get_docs(nlp.vocab))
    for doc, doc_id in zip(docs, meta["doc_ids"]):
        doc._.doc_id = doc_id
    return docs


def run_extraction_stage(cfg: RunConfig, stage: str) -> list[Doc]:
    """Re-apply the rule components of ``stage`` to the saved parse and write its tables."""
    started = _now()
    components, _ = EXTRACTION_STAGES[stage]
    nlp = _blank_with_components(components)
    meta = read_json(cfg.interim_dir / "parsed.json", {})
    docs = load_parsed(cfg, nlp)
    for name, proc in nlp.pipeline:
        docs = [proc(doc) for doc in cfg.progress(docs, len(docs), name)]
    with OutputBatch(cfg.output_dir, excel_safe=cfg.excel_safe) as out:
        _write_extraction_tables(out, docs, (stage,))
        _write_manifest(out, cfg, stage, started, pipeline=meta.get("pipeline"), tables=out.row_counts)
    return docs


def _blank_with_components(components: Sequence[str]) -> Language:
    import spacy

    nlp = spacy.blank("de")
    for name in components:
        nlp.add_pipe(name)
    return nlp


@dataclass
class RunSummary:
    docs: list[Doc]
    problems: list[IngestProblem]
    failures: list[dict]

    @property
    def partial(self) -> bool:
        """True when some input was skipped or some document failed in a component."""
        return bool(self.failures) or any(p.fatal for p in self.problems)


def run_all(cfg: RunConfig) -> RunSummary:
    documents, problems = run_ingest(cfg)
    cleaned = run_clean(cfg, documents)
    failures: list[dict] = []
    docs = run_parse(cfg, documents, cleaned, extract=True, failures=failures)
    return RunSummary(docs, problems, failures)


# --------------------------------------------------------------------------- rows


def _document_row(document: Document, clean: boilerplate.CleanResult, doc: Doc | None) -> dict[str, Any]:
    return record_to_row(
        document,
        DOCUMENTS,
        n_chars=len(document.text),
        date=clean.date,
        chars_kept=clean.chars_kept,
        chars_removed=clean.chars_removed,
        n_sentences=sum(1 for s in doc.sents if not all(t.is_space for t in s)) if doc is not None and doc.has_annotation("SENT_START") else None,
        n_tokens=sum(1 for t in doc if not t.is_space) if doc is not None else None,
    )


EXTENSION_OF_TABLE = {"mentions": "mentions", "entities": "entities", "claims": "claims", "figures": "figures"}


def extraction_rows(docs: Iterable[Doc], table: Table) -> Iterator[dict[str, Any]]:
    """Rows of an extraction table (mentions, entities, claims, figures) from annotated Docs."""
    return _rows(docs, EXTENSION_OF_TABLE[table.name], table)


def _rows(docs: Iterable[Doc], attribute: str, table: Table) -> Iterator[dict[str, Any]]:
    for doc in docs:
        for record in getattr(doc._, attribute) or ():
            yield record_to_row(record, table, doc_id=doc._.doc_id)


def _write_extraction_tables(out: OutputBatch, docs: Sequence[Doc], stages: Sequence[str]) -> None:
    if "entities" in stages:
        out.write_table(MENTIONS, _rows(docs, "mentions", MENTIONS))
        out.write_table(ENTITIES, _rows(docs, "entities", ENTITIES))
    if "claims" in stages:
        out.write_table(CLAIMS, _rows(docs, "claims", CLAIMS))
    if "figures" in stages:
        out.write_table(FIGURES, _rows(docs, "figures", FIGURES))


def _error_rows(documents, problems: Sequence[IngestProblem], failures: Sequence[dict]) -> Iterator[dict[str, Any]]:
    ids = {d.path: d.doc_id for d in documents}
    for problem in problems:
        yield {"path": problem.path, "doc_id": ids.get(problem.path), "stage": "ingest", "problem": problem.problem, "message": problem.message}
    yield from failures


# --------------------------------------------------------------------------- manifest


def _write_manifest(out: OutputBatch, cfg: RunConfig, stage: str, started: str, *, documents=None, problems=None, pipeline=None, tables=None) -> None:
    """Merge this stage's provenance into ``manifest.json`` (staged with the tables it describes)."""
    # A new ingest starts a new run: provenance of older runs must not leak into it.
    manifest = {} if stage == "ingest" else (read_json(cfg.output_dir / MANIFEST_FILE, {}) or {})
    if stage in ("ingest", "extract") and documents is None:
        documents = load_documents(cfg)
        problems = load_problems(cfg)
    manifest["project"] = {"name": "claimgraph-de", "version": __version__}
    manifest.setdefault("stages", {})[stage] = {"started": started, "finished": _now()}
    manifest["started"] = manifest["stages"].get("ingest", {}).get("started", started)
    manifest["finished"] = _now()
    manifest["settings"] = {
        "input_dir": str(cfg.input_dir),
        "strip_boilerplate": cfg.strip_boilerplate,
        "boilerplate_phrases": [str(p) for p in cfg.boilerplate_phrases],
        "max_doc_bytes": cfg.max_doc_bytes,
    }
    if documents is not None:
        manifest["inputs"] = [
            {"path": d.path, "doc_id": d.doc_id, "sha256": d.sha256, "n_bytes": d.n_bytes, "encoding": d.encoding}
            for d in documents
        ]
        manifest["skipped"] = [dataclasses.asdict(p) for p in problems or ()]
    if pipeline is not None:
        manifest["pipeline"] = pipeline
    manifest.setdefault("tables", {}).update(tables or {})
    out.write_json(MANIFEST_FILE, manifest)
