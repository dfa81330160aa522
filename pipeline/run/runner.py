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

import contextlib
import dataclasses
import datetime as dt
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from .. import __version__, boilerplate  # the stage factories are spaCy entry points (pyproject.toml)
from ..ingest import html as html_input
from ..output.export import OutputBatch, file_digest, read_json, read_jsonl, record_to_row
from ..ingest.files import DEFAULT_MAX_BYTES, Document, IngestError, IngestProblem, ingest_directory
from ..ingest.language import is_minable
from .backends import COMPONENT_TABLES, DocResult, Task, WorkerSettings, run_tasks
from .cache import Cache, model_fingerprint, parse_key, rows_key
from ..nlp.model import BLANK_MODEL_NAME, ModelChoice, describe_choice, load_model, resolve_model
from .run_folder import RUN_STATE_FILE, RunFolder, Staging
from ..output.schema import BOILERPLATE, CLAIMS, DERIVED_TABLES, DOCUMENTS, ENTITIES, ERRORS, FIGURES, MENTIONS, OFFSET_TEXT_COLUMNS, TABLES, Table

log = logging.getLogger(__name__)
T = TypeVar("T")

# Each extraction stage with the components it needs, in pipeline order, and the tables it writes.
EXTRACTION_STAGES: dict[str, tuple[tuple[str, ...], tuple[Table, ...]]] = {
    "entities": (("claimgraph_entities",), (MENTIONS, ENTITIES)),
    "claims": (("claimgraph_entities", "claimgraph_claims"), (CLAIMS,)),
    "figures": (("claimgraph_entities", "claimgraph_claims", "claimgraph_figures"), (FIGURES,)),
}
ALL_COMPONENTS = EXTRACTION_STAGES["figures"][0]
EXTRACTION_TABLES = (MENTIONS, ENTITIES, CLAIMS, FIGURES)
# Tables computed from the extraction tables across documents: stale whenever those are.
DERIVED_FROM_EXTRACTION = tuple(TABLES[name] for name in DERIVED_TABLES)
TEXTS_FILE = "texts.jsonl"
MANIFEST_FILE = "manifest.json"
DEFAULT_INTERIM_NAME = ".interim"
# Everything a run may write; on a switch, those a run did not produce are removed (they would be stale).
OWNED_OUTPUT_FILES = (*(t.file_name for t in TABLES.values()), TEXTS_FILE, MANIFEST_FILE)
OWNED_INTERIM_FILES = ("documents.jsonl", "problems.jsonl", "cleaned.jsonl", "parsed.json", RUN_STATE_FILE)


class StageError(Exception):
    """A stage cannot run (missing input from the previous stage, no readable files ...)."""


def no_progress(items: Iterable[T], total: int, label: str) -> Iterable[T]:
    return items


@dataclass
class RunConfig:
    input_dir: Path = Path("data/raw")
    output_dir: Path = Path("data/processed")
    # Intermediate files belong to one output folder: by default a hidden folder inside it, so two
    # output folders never share (and mix) an interim state.
    interim_dir: Path | None = None
    model: str | None = None
    strip_boilerplate: bool = True
    boilerplate_phrases: tuple[Path, ...] = ()
    max_doc_bytes: int = DEFAULT_MAX_BYTES
    html_favour: str = html_input.DEFAULT_MODE  # HTML main-text extractor: precision | recall
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

    def __post_init__(self) -> None:
        self.input_dir, self.output_dir = Path(self.input_dir), Path(self.output_dir)
        self.interim_dir = Path(self.interim_dir) if self.interim_dir is not None else self.output_dir / DEFAULT_INTERIM_NAME


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


# --------------------------------------------------------------------------- run units
#
# Every public ``run_*`` function is one run: it takes the output folder's lock, writes everything into
# a staging folder (run_folder.py), checks the staged tables and switches them in at once. ``run_all``
# runs all stages inside one such unit. Stage functions read the committed interim state of earlier
# runs from ``cfg.interim_dir`` and write into ``run.staging``.


@dataclass
class _Run:
    cfg: RunConfig
    staging: Staging
    manifest: dict[str, Any]

    @property
    def excel_safe(self) -> bool:
        return bool(self.manifest.get("output_options", {}).get("excel_safe"))

    def output_batch(self) -> OutputBatch:
        return OutputBatch(self.staging.output, excel_safe=self.excel_safe)

    def interim_batch(self) -> OutputBatch:
        return OutputBatch(self.staging.interim)


def _run_folder(cfg: RunConfig) -> RunFolder:
    return RunFolder(cfg.output_dir, cfg.interim_dir, OWNED_OUTPUT_FILES, OWNED_INTERIM_FILES, on_warning=cfg.on_warning)


@contextlib.contextmanager
def _run_unit(cfg: RunConfig, command: str, *, continues: bool) -> Iterator[_Run]:
    """One run over ``cfg.output_dir``: locked, staged, checked, switched in whole or not at all.

    ``continues``: a stage command that rewrites part of an existing run (its other files are kept);
    otherwise the run starts from nothing (ingest, extract).
    """
    with _run_folder(cfg) as folder:
        if continues:
            manifest = _require_consistent_state(cfg)
            if cfg.excel_safe and not manifest.get("output_options", {}).get("excel_safe"):
                raise StageError(
                    f"the tables in {cfg.output_dir} were written without --excel-safe; a stage command keeps the "
                    "run's output options, so run `python cli.py extract --excel-safe` to change them"
                )
        else:
            manifest = {"output_options": {"excel_safe": cfg.excel_safe}}
        staging = folder.stage()
        try:
            if continues:
                staging.seed_from_current(OWNED_OUTPUT_FILES)
                staging.seed_interim_from_current()
            run = _Run(cfg, staging, manifest)
            yield run
            _finish(run, command)
        finally:
            staging.abort()  # no-op once committed


def _require_consistent_state(cfg: RunConfig) -> dict[str, Any]:
    """The manifest of the current outputs, if the interim folder belongs to the same run."""
    manifest = read_json(cfg.output_dir / MANIFEST_FILE, None)
    state = read_json(cfg.interim_dir / RUN_STATE_FILE, None)
    if state is None:
        raise StageError(f"{cfg.interim_dir} holds no completed run: run `python cli.py ingest` (or `extract`) first")
    if manifest is None or manifest.get("run_id") != state.get("run_id"):
        theirs = f"run {state.get('run_id')} over {state.get('input_dir')} for {state.get('output_dir')}"
        raise StageError(
            f"the intermediate folder {cfg.interim_dir} belongs to another run ({theirs}) than the tables in "
            f"{cfg.output_dir}; pass the --interim folder of that run, or run `python cli.py extract` again"
        )
    return manifest


def _finish(run: _Run, command: str) -> None:
    """Record the run in the manifest, check the staged tables, switch them in."""
    cfg, staging, manifest = run.cfg, run.staging, run.manifest
    manifest["run_id"] = staging.run_id
    manifest["project"] = {"name": "claimgraph-de", "version": __version__}
    manifest["command"] = command
    manifest["finished"] = _now()
    manifest.setdefault("started", manifest["finished"])
    manifest["files"] = {
        p.name: file_digest(p) for p in sorted(staging.output.iterdir()) if p.is_file() and p.name != MANIFEST_FILE
    }
    manifest["tables"] = {name: count for name, count in manifest.get("tables", {}).items() if f"{name}.csv" in manifest["files"]}
    with OutputBatch(staging.output) as out:
        out.write_json(MANIFEST_FILE, manifest)
    state = {"run_id": staging.run_id, "input_dir": manifest.get("settings", {}).get("input_dir"), "output_dir": str(cfg.output_dir.resolve())}
    with run.interim_batch() as interim:
        interim.write_json(RUN_STATE_FILE, state)
    from ..output.tables import check_table_files

    problems = check_table_files(staging.output)  # = check_tables(load(...)) of the staged tables, mostly without pandas
    if problems:
        raise StageError(
            f"the new tables failed the consistency check, previous outputs in {cfg.output_dir} kept: " + "; ".join(problems[:3])
        )
    staging.commit()


def _stage_done(run: _Run, stage: str, started: str, tables: dict[str, int], **settings: Any) -> None:
    run.manifest.setdefault("stages", {})[stage] = {"started": started, "finished": _now()}
    run.manifest.setdefault("started", started)
    run.manifest.setdefault("tables", {}).update(tables)
    if settings:
        run.manifest.setdefault("settings", {}).update(settings)


# --------------------------------------------------------------------------- ingest


def run_ingest(cfg: RunConfig) -> tuple[list[Document], list[IngestProblem]]:
    with _run_unit(cfg, "ingest", continues=False) as run:
        return _ingest(run)


def _ingest(run: _Run) -> tuple[list[Document], list[IngestProblem]]:
    cfg = run.cfg
    started = _now()
    try:
        result = ingest_directory(cfg.input_dir, cfg.max_doc_bytes, cfg.html_favour)
    except IngestError as exc:
        raise StageError(str(exc)) from exc
    for problem in result.problems:
        if cfg.strict:
            raise StageError(f"{problem.path}: {problem.message} (--strict: stopped at the first problem, nothing written)")
        action = "skipped" if problem.fatal else "warning"
        cfg.on_warning(f"{problem.path}: {action} ({problem.problem}): {problem.message}")
    if not result.documents:
        raise StageError(f"no readable .txt, .md or .html files in {cfg.input_dir} ({len(result.problems)} skipped)")
    with run.interim_batch() as interim:
        interim.write_jsonl("documents.jsonl", (dataclasses.asdict(d) for d in result.documents))
        interim.write_jsonl("problems.jsonl", (dataclasses.asdict(p) for p in result.problems))
    with run.output_batch() as out:
        out.write_jsonl(TEXTS_FILE, ({"doc_id": d.doc_id, "path": d.path, "text": d.text} for d in result.documents))
        out.write_table(ERRORS, _error_rows(result.documents, result.problems, []))
    _record_inputs(run.manifest, result.documents, result.problems)
    _stage_done(
        run, "ingest", started, out.row_counts, input_dir=str(cfg.input_dir), max_doc_bytes=cfg.max_doc_bytes, html_favour=cfg.html_favour
    )
    return result.documents, result.problems


def _record_inputs(manifest: dict[str, Any], documents: Sequence[Document], problems: Sequence[IngestProblem]) -> None:
    manifest["inputs"] = [
        {"path": d.path, "doc_id": d.doc_id, "sha256": d.sha256, "n_bytes": d.n_bytes, "encoding": d.encoding} for d in documents
    ]
    manifest["skipped"] = [dataclasses.asdict(p) for p in problems]


def load_documents(cfg: RunConfig) -> list[Document]:
    path = cfg.interim_dir / "documents.jsonl"
    if not path.exists():
        raise StageError(f"{path} not found: run `python cli.py ingest` first")
    return [Document(**row) for row in read_jsonl(path)]


def load_problems(cfg: RunConfig) -> list[IngestProblem]:
    path = cfg.interim_dir / "problems.jsonl"
    return [IngestProblem(**row) for row in read_jsonl(path)] if path.exists() else []


# --------------------------------------------------------------------------- clean


def run_clean(cfg: RunConfig) -> dict[str, boilerplate.CleanResult]:
    with _run_unit(cfg, "clean", continues=True) as run:
        # A new cleaning changes the text the parse saw: everything downstream is stale.
        run.staging.discard(("parsed.json", DOCUMENTS.file_name, *(t.file_name for t in EXTRACTION_TABLES + DERIVED_FROM_EXTRACTION)))
        return _clean(run, load_documents(cfg))


def _clean(run: _Run, documents: Sequence[Document]) -> dict[str, boilerplate.CleanResult]:
    cfg = run.cfg
    started = _now()
    lexicon = boilerplate.load_lexicon(cfg.boilerplate_phrases)
    # lines repeated across the run's documents count as site furniture (issue 18)
    repeated = boilerplate.repeated_lines([doc.text for doc in documents]) if cfg.strip_boilerplate else frozenset()
    cleaned = {
        doc.doc_id: boilerplate.clean_document(
            doc.text, strip=cfg.strip_boilerplate, lexicon=lexicon, repeated=repeated,
            predecided=html_input.predecided_blocks(doc.page),
        )
        for doc in cfg.progress(documents, len(documents), "clean")
    }
    with run.interim_batch() as interim:
        interim.write_jsonl("cleaned.jsonl", (_cleaned_record(k, v) for k, v in cleaned.items()))
    with run.output_batch() as out:
        out.write_table(
            BOILERPLATE,
            (record_to_row(block, BOILERPLATE, doc_id=doc_id) for doc_id, res in cleaned.items() for block in res.removed_blocks),
        )
    _stage_done(
        run, "clean", started, out.row_counts,
        strip_boilerplate=cfg.strip_boilerplate, boilerplate_phrases=[str(p) for p in cfg.boilerplate_phrases],
    )
    return cleaned


_BLOCK_FIELDS = tuple(f.name for f in dataclasses.fields(boilerplate.Block))


def _cleaned_record(doc_id: str, result: boilerplate.CleanResult) -> dict:
    """``{"doc_id": ..., **dataclasses.asdict(result)}`` as JSON sees it (tuples are lists to it), without
    asdict's deep copy of every block's signals."""
    blocks = [{name: getattr(b, name) for name in _BLOCK_FIELDS} for b in result.blocks]
    return {"doc_id": doc_id, "blocks": blocks, "clean_text": result.clean_text, "date": result.date}


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
    tables: Sequence[str],
    parsed_index: dict[str, str] | None = None,
    write_documents: bool = True,
) -> tuple[AnnotateOutcome, dict[str, str]]:
    """Stream every German document through the backend (or the cache) and into ``tables``.

    Returns the outcome and the parse index ``doc_id -> parse_key`` for later per-stage runs.
    """
    cache = Cache(cfg.interim_dir / "cache", enabled=cfg.use_cache)
    writers = {}
    for name in settings.components:
        for table, _ in COMPONENT_TABLES[name]:
            if table.name in tables:
                writers[table.name] = out.open_table(table)
    documents_writer = out.open_table(DOCUMENTS) if write_documents else None
    minable = [d for d in documents if is_minable(d.language)]
    keys: dict[str, tuple[str, str]] = {}
    for d in minable:
        pk = parsed_index[d.doc_id] if parsed_index is not None else parse_key(cleaned[d.doc_id].clean_text, model_id)
        keys[d.doc_id] = (pk, rows_key(pk, settings.components, d.doc_id))
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
        raw_text = by_id[result.doc_id].text
        for table_name, rows in (result.rows or {}).items():
            if table_name in writers:
                for cells in rows:
                    writers[table_name].write_cells(with_raw_span_texts(cells, TABLES[table_name], raw_text))
        stats[result.doc_id] = result.stats or {}
        outcome.processed.append(result.doc_id)
        if result.doc is not None:
            outcome.docs.append(result.doc)
    computed.close()  # stop the backend's workers now, not when the generator is collected
    if documents_writer is not None:
        for d in documents:
            documents_writer.write_row(_document_row(d, cleaned[d.doc_id], stats.get(d.doc_id)))
    return outcome, {doc_id: pk for doc_id, (pk, _) in keys.items()}


def with_raw_span_texts(cells: list[str], table: Table, raw_text: str) -> list[str]:
    """Every text cell that has offsets holds exactly ``raw_text[start:end]``.

    The rules read the cleaned text, in which removed boilerplate is blanked; a span that crosses a removed
    block (a claim over a short line the clean stage took for furniture) would otherwise carry the blanks,
    and its row would contradict the raw text the offsets point into.
    """
    names = table.column_names
    for text_column, start_column, end_column in OFFSET_TEXT_COLUMNS:
        if text_column not in names or start_column not in names:
            continue
        t, s, e = names.index(text_column), names.index(start_column), names.index(end_column)
        if cells[t] and cells[s] and cells[e]:
            cells[t] = raw_text[int(cells[s]) : int(cells[e])]
    return cells


def _cached_result(doc_id: str, hit: dict) -> DocResult:
    return DocResult(doc_id, rows=hit["rows"], stats=hit["stats"])


def _read_required_parse(cache: Cache, key: str, doc_id: str) -> bytes:
    parsed = cache.get_parse(key, required=True)
    if parsed is None:
        raise StageError(
            f"saved parse of {doc_id} is missing or damaged ({cache.parse_path(key)}): run `python cli.py parse` (or `extract`) again"
        )
    return parsed


def _worker_settings(cfg: RunConfig, choice: ModelChoice, components: tuple[str, ...]) -> WorkerSettings:
    return WorkerSettings(
        model_source=choice.source,
        model_kind=choice.kind,
        components=components,
        max_length=cfg.max_doc_bytes + 1,
        batch_size=cfg.batch_size,
        keep_docs=cfg.keep_docs,
    )


def run_parse(cfg: RunConfig, *, extract: bool = False) -> AnnotateOutcome:
    """Run the statistical pipeline (and with ``extract`` every extraction component) over the saved cleaned texts."""
    choice = _choose_model(cfg)  # before anything else: an unknown model is an error, not a half run
    with _run_unit(cfg, "extract" if extract else "parse", continues=True) as run:
        if not extract:
            run.staging.discard(t.file_name for t in EXTRACTION_TABLES + DERIVED_FROM_EXTRACTION)
        return _parse(run, choice, load_documents(cfg), load_cleaned(cfg), load_problems(cfg), extract=extract)


def _parse(
    run: _Run,
    choice: ModelChoice,
    documents: Sequence[Document],
    cleaned: dict[str, boilerplate.CleanResult],
    problems: Sequence[IngestProblem],
    *,
    extract: bool,
) -> AnnotateOutcome:
    cfg = run.cfg
    started = _now()
    components = ALL_COMPONENTS if extract else ()
    model_id = model_fingerprint(choice.source, choice.kind)
    provenance = describe_choice(choice, components)
    tables = [t.name for t in EXTRACTION_TABLES]
    with run.output_batch() as out:
        outcome, index = _annotate_documents(cfg, out, documents, cleaned, _worker_settings(cfg, choice, components), model_id, tables=tables)
        out.write_table(ERRORS, _error_rows(documents, problems, outcome.failures))
        out.close_writers()
    with run.interim_batch() as interim:
        interim.write_json("parsed.json", {"pipeline": provenance, "model_id": model_id, "parse_keys": index})
    run.manifest["pipeline"] = provenance
    tables_written = dict(out.row_counts)
    if extract:
        tables_written.update(_cross_document_tables(run))
    _stage_done(run, "extract" if extract else "parse", started, tables_written)
    return outcome


def run_extraction_stage(cfg: RunConfig, stage: str) -> AnnotateOutcome:
    """Re-apply the rule components to the saved parse; write the tables of ``stage`` and of the stages after it.

    Later tables are rewritten too because they refer to this stage's ids (claims name entities,
    figures name claims); an earlier extraction table that is missing is written as well.
    """
    with _run_unit(cfg, stage, continues=True) as run:
        started = _now()
        meta = read_json(cfg.interim_dir / "parsed.json")
        if meta is None:
            raise StageError(f"{cfg.interim_dir / 'parsed.json'} not found: run `python cli.py parse` first")
        documents = [d for d in load_documents(cfg) if d.doc_id in meta["parse_keys"]]
        order = list(EXTRACTION_STAGES)
        later = order[order.index(stage):]
        tables = [t.name for name in later for t in EXTRACTION_STAGES[name][1]]
        tables += [t.name for t in EXTRACTION_TABLES if t.name not in tables and not (run.staging.output / t.file_name).exists()]
        components = ALL_COMPONENTS
        # The saved parse carries everything the rules read, so a blank German pipeline suffices here.
        settings = WorkerSettings(BLANK_MODEL_NAME, "blank", components, cfg.max_doc_bytes + 1, cfg.batch_size, cfg.keep_docs)
        with run.output_batch() as out:
            outcome, _ = _annotate_documents(
                cfg, out, documents, {}, settings, meta["model_id"], tables=tables, parsed_index=meta["parse_keys"], write_documents=False
            )
            out.close_writers()
        _stage_done(run, stage, started, {**out.row_counts, **_cross_document_tables(run)})
        return outcome


def _cross_document_tables(run: _Run) -> dict[str, int]:
    """speakers.csv and quote_clusters.csv, written into the staging folder like every other table, so they
    switch in with the tables they are computed from."""
    return write_corpus_tables(run.staging.output, excel_safe=run.excel_safe)


def write_corpus_tables(output_dir: Path, *, excel_safe: bool = False) -> dict[str, int]:
    """Read ``entities``/``claims``/``documents`` of ``output_dir``, write ``speakers.csv`` and ``quote_clusters.csv``
    (pipeline/output/corpus.py) in one batch; returns the row counts."""
    from ..output.corpus import corpus_rows, doc_dates, frame_records
    from ..output.tables import plain_doc_dates, plain_records, read_or_empty

    try:  # the cells as the csv module reads them, typed as pandas would type them (output/tables.py), no pandas
        records = {t.name: plain_records(Path(output_dir), t) for t in (CLAIMS, ENTITIES)}
        dates = plain_doc_dates(Path(output_dir))
    except Exception:  # a cell the plain reader does not vouch for: the typed DataFrames decide, as before
        records = {t.name: frame_records(read_or_empty(Path(output_dir), t)) for t in (CLAIMS, ENTITIES)}
        dates = doc_dates(read_or_empty(Path(output_dir), DOCUMENTS))
    speakers, clusters = corpus_rows(records["claims"], records["entities"], dates)
    with OutputBatch(output_dir, excel_safe=excel_safe) as out:
        out.write_table(TABLES["speakers"], speakers)
        out.write_table(TABLES["quote_clusters"], clusters)
    return dict(out.row_counts)


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
    """Every stage as one run: the output folder changes only if all of them succeed."""
    choice = _choose_model(cfg)  # validated before anything is read or written
    with _run_unit(cfg, "extract", continues=False) as run:
        documents, problems = _ingest(run)
        cleaned = _clean(run, documents)
        outcome = _parse(run, choice, documents, cleaned, problems, extract=True)
    return RunSummary(problems, outcome)


# --------------------------------------------------------------------------- rows


def _document_row(document: Document, clean: boilerplate.CleanResult, stats: dict | None) -> dict[str, Any]:
    return record_to_row(
        document,
        DOCUMENTS,
        n_chars=len(document.text),
        date=clean.date or html_input.page_date(document.page),  # a dateline in the text wins over page metadata
        **html_input.page_columns(document.page),
        chars_kept=clean.chars_kept,
        chars_removed=clean.chars_removed,
        **(stats or {}),
    )


def _error_rows(documents, problems: Sequence[IngestProblem], failures: Sequence[dict]) -> Iterator[dict[str, Any]]:
    ids = {d.path: d.doc_id for d in documents}
    for problem in problems:
        yield {"path": problem.path, "doc_id": ids.get(problem.path), "stage": "ingest", "problem": problem.problem, "message": problem.message}
    yield from failures
