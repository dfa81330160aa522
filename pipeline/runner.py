"""Run the stages in sequence or one at a time, persisting what is expensive to recompute.

Intermediate data (``data/interim/``, regenerated, git-ignored):

``documents.jsonl``  one JSON object per decoded document (ingest; includes the raw text)
``problems.jsonl``   files that could not be read or were read with a caveat (ingest)
``cleaned.jsonl``    blocks, boilerplate decisions and cleaned text per document (clean)
``cache/``           per document: the statistical parse (``.spacy``) and the extracted rows
                     (``.json``), keyed by content, model, project version and code (see cache.py)
``parsed.json``      the pipeline used and the parse key of every document (parse)

The extraction stages (entities, claims, figures) are rule-based spaCy components over the parsed
``Doc``; running one of them alone re-applies the components it depends on to the saved parse, which
takes a fraction of the parse time, so nothing is re-ingested or re-parsed. Where the work runs
(this process, local processes, a Dask cluster) is chosen in backends.py; tables are identical.
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
from spacy.tokens import Doc

from . import __version__, boilerplate, claims, entities, figures  # noqa: F401  (registers components)
from .export import OutputBatch, read_json, read_jsonl, record_to_row
from .ingest import DEFAULT_MAX_BYTES, Document, IngestError, IngestProblem, ingest_directory
from .language import is_minable
from .backends import COMPONENT_TABLES, DocResult, Task, WorkerSettings, run_tasks
from .cache import Cache, model_fingerprint, parse_key, rows_key
from .model import BLANK_MODEL_NAME, ModelChoice, describe_choice, load_model, resolve_model
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
    use_cache: bool = True  # reuse per-document results whose inputs are unchanged
    backend: str = "local"  # local | processes | dask (see backends.py)
    workers: int = 1
    chunk_size: int = 32  # documents per task sent to a worker
    scheduler: str | None = None  # address of an existing Dask scheduler
    keep_docs: bool = False  # keep the annotated Docs in the summary (local backend; tests, notebooks)
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
    # lines repeated across the run's documents count as site furniture (issue 18)
    repeated = boilerplate.repeated_lines([doc.text for doc in documents]) if cfg.strip_boilerplate else frozenset()
    cleaned = {
        doc.doc_id: boilerplate.clean_document(doc.text, strip=cfg.strip_boilerplate, lexicon=lexicon, repeated=repeated)
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
    choice = _choose_model(cfg)
    nlp = load_model(choice)
    nlp.max_length = max(nlp.max_length, cfg.max_doc_bytes + 1)
    for name in components:
        nlp.add_pipe(name)
    return nlp, choice


def _choose_model(cfg: RunConfig) -> ModelChoice:
    choice = resolve_model(cfg.model)
    warning = choice.warning()
    if warning:
        cfg.on_warning(warning)
    return choice


@dataclass
class AnnotateOutcome:
    processed: list[str]  # doc ids with complete results, in order
    failures: list[dict]
    docs: list[Doc]  # only with cfg.keep_docs (local backend)


def _annotate_documents(
    cfg: RunConfig,
    out: OutputBatch,
    documents: Sequence[Document],
    cleaned: dict[str, boilerplate.CleanResult],
    settings: WorkerSettings,
    model_id: str,
    *,
    parsed_index: dict[str, str] | None = None,
    write_documents: bool = True,
) -> tuple[AnnotateOutcome, dict[str, str]]:
    """Stream every German document through the backend (or the cache) and into the tables.

    Returns the outcome and the parse index ``doc_id -> parse_key`` for later per-stage runs.
    """
    cache = Cache(cfg.interim_dir / "cache", enabled=cfg.use_cache)
    writers = {}
    for name in settings.components:
        for table, _ in COMPONENT_TABLES[name]:
            writers[table.name] = out.open_table(table)
    documents_writer = out.open_table(DOCUMENTS) if write_documents else None
    minable = [d for d in documents if is_minable(d.language)]
    keys: dict[str, tuple[str, str]] = {}
    for d in minable:
        pk = parsed_index[d.doc_id] if parsed_index is not None else parse_key(cleaned[d.doc_id].clean_text, model_id)
        keys[d.doc_id] = (pk, rows_key(pk, settings.components))
    cached = {doc_id: hit for doc_id, (_, rk) in keys.items() if (hit := cache.get_rows(rk)) is not None}

    def tasks() -> Iterator[Task]:
        for d in minable:
            if d.doc_id not in cached:
                pk = keys[d.doc_id][0]
                parsed = _read_required_parse(cache, pk, d.doc_id) if parsed_index is not None else cache.get_parse(pk)
                yield Task(d.doc_id, cleaned[d.doc_id].clean_text if cleaned else "", parsed)

    computed = run_tasks(tasks(), settings, backend=cfg.backend, workers=cfg.workers, chunk_size=cfg.chunk_size, scheduler=cfg.scheduler)
    outcome = AnnotateOutcome([], [], [])
    by_id = {d.doc_id: d for d in documents}
    results = (_cached_result(d.doc_id, cached[d.doc_id]) if d.doc_id in cached else next(computed) for d in minable)
    stats: dict[str, dict] = {}
    for result in cfg.progress(results, len(minable), "extract" if settings.components else "parse"):
        pk, rk = keys[result.doc_id]
        if result.parsed is not None:
            cache.put_parse(pk, result.parsed)
        if result.failure is not None:
            failure = {"path": by_id[result.doc_id].path, "doc_id": result.doc_id, **result.failure}
            outcome.failures.append(failure)
            cfg.on_warning(f"{failure['path']}: {failure['stage']} failed, document left out of the extraction tables: {failure['message']}")
            if cfg.strict:
                raise StageError(f"{failure['path']}: {failure['message']} (--strict: stopped at the first problem)")
            continue
        if result.doc_id not in cached:
            cache.put_rows(rk, {"rows": result.rows, "stats": result.stats})
        for table_name, rows in (result.rows or {}).items():
            for cells in rows:
                writers[table_name].write_cells(cells)
        stats[result.doc_id] = result.stats or {}
        outcome.processed.append(result.doc_id)
        if result.doc is not None:
            outcome.docs.append(result.doc)
    if documents_writer is not None:
        for d in documents:
            documents_writer.write_row(_document_row(d, cleaned[d.doc_id], stats.get(d.doc_id)))
    return outcome, {doc_id: pk for doc_id, (pk, _) in keys.items()}


def _cached_result(doc_id: str, hit: dict) -> DocResult:
    return DocResult(doc_id, rows=hit["rows"], stats=hit["stats"])


def _read_required_parse(cache: Cache, key: str, doc_id: str) -> bytes:
    path = cache.parse_path(key)
    if not path.is_file():
        raise StageError(f"saved parse of {doc_id} not found ({path}): run `python cli.py parse` first")
    return path.read_bytes()


def _worker_settings(cfg: RunConfig, choice: ModelChoice, components: tuple[str, ...]) -> WorkerSettings:
    return WorkerSettings(
        model_source=choice.source,
        model_kind=choice.kind,
        components=components,
        max_length=cfg.max_doc_bytes + 1,
        batch_size=cfg.batch_size,
        keep_docs=cfg.keep_docs,
    )


def run_parse(cfg: RunConfig, documents=None, cleaned=None, *, extract: bool = False, failures: list[dict] | None = None) -> AnnotateOutcome:
    """Run the statistical pipeline (and with ``extract`` every extraction component) over the cleaned texts."""
    started = _now()
    documents = load_documents(cfg) if documents is None else documents
    cleaned = load_cleaned(cfg) if cleaned is None else cleaned
    components = ALL_COMPONENTS if extract else ()
    choice = _choose_model(cfg)
    model_id = model_fingerprint(choice.source, choice.kind)
    provenance = describe_choice(choice, components)
    with OutputBatch(cfg.output_dir, excel_safe=cfg.excel_safe) as out:
        outcome, index = _annotate_documents(cfg, out, documents, cleaned, _worker_settings(cfg, choice, components), model_id)
        out.write_table(ERRORS, _error_rows(documents, load_problems(cfg), outcome.failures))
        out.close_writers()
        _write_manifest(out, cfg, "extract" if extract else "parse", started, pipeline=provenance, tables=out.row_counts)
        with OutputBatch(cfg.interim_dir) as interim:
            interim.write_json("parsed.json", {"pipeline": provenance, "model_id": model_id, "parse_keys": index})
    if failures is not None:
        failures.extend(outcome.failures)
    return outcome


def run_extraction_stage(cfg: RunConfig, stage: str) -> AnnotateOutcome:
    """Re-apply the rule components of ``stage`` to the saved parse and write its tables."""
    started = _now()
    components, _ = EXTRACTION_STAGES[stage]
    meta = read_json(cfg.interim_dir / "parsed.json")
    if meta is None:
        raise StageError(f"{cfg.interim_dir / 'parsed.json'} not found: run `python cli.py parse` first")
    documents = [d for d in load_documents(cfg) if d.doc_id in meta["parse_keys"]]
    # The saved parse carries everything the rules read, so a blank German pipeline suffices here.
    settings = WorkerSettings(BLANK_MODEL_NAME, "blank", components, cfg.max_doc_bytes + 1, cfg.batch_size, cfg.keep_docs)
    with OutputBatch(cfg.output_dir, excel_safe=cfg.excel_safe) as out:
        outcome, _ = _annotate_documents(
            cfg, out, documents, {}, settings, meta["model_id"], parsed_index=meta["parse_keys"], write_documents=False
        )
        out.close_writers()
        _write_manifest(out, cfg, stage, started, pipeline=meta.get("pipeline"), tables=out.row_counts)
    return outcome


@dataclass
class RunSummary:
    problems: list[IngestProblem]
    outcome: AnnotateOutcome

    @property
    def docs(self) -> list[Doc]:
        return self.outcome.docs

    @property
    def failures(self) -> list[dict]:
        return self.outcome.failures

    @property
    def processed(self) -> list[str]:
        return self.outcome.processed

    @property
    def partial(self) -> bool:
        """True when some input was skipped or some document failed in a component."""
        return bool(self.failures) or any(p.fatal for p in self.problems)


def run_all(cfg: RunConfig) -> RunSummary:
    documents, problems = run_ingest(cfg)
    cleaned = run_clean(cfg, documents)
    outcome = run_parse(cfg, documents, cleaned, extract=True)
    return RunSummary(problems, outcome)


# --------------------------------------------------------------------------- rows


def _document_row(document: Document, clean: boilerplate.CleanResult, stats: dict | None) -> dict[str, Any]:
    return record_to_row(
        document,
        DOCUMENTS,
        n_chars=len(document.text),
        date=clean.date,
        chars_kept=clean.chars_kept,
        chars_removed=clean.chars_removed,
        **(stats or {}),
    )


def extraction_rows(docs: Iterable[Doc], table: Table) -> Iterator[dict[str, Any]]:
    """Rows of an extraction table (mentions, entities, claims, figures) from annotated Docs."""
    attribute = next(attr for comps in COMPONENT_TABLES.values() for t, attr in comps if t.name == table.name)
    for doc in docs:
        for record in getattr(doc._, attribute) or ():
            yield record_to_row(record, table, doc_id=doc._.doc_id)


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
