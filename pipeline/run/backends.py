"""Where the NLP work runs: in this process, in a pool of local processes, or on a Dask cluster.

Every backend runs the same function, :func:`annotate`, over chunks of documents and yields its
results in input order, so the tables are identical whichever backend produced them. Each worker
process loads the spaCy pipeline once (``_NLP_BY_SETTINGS``) and reuses it for every chunk.

Dask (``dask.distributed``) was chosen over Spark for the cluster backend: it is pure Python, installs
from PyPI with no JVM, runs the same ``annotate`` function unchanged on a laptop (``LocalCluster``) and
on a real cluster (``--scheduler tcp://host:8786``), and its futures keep results in order with
bounded memory.
"""

from __future__ import annotations

import os
import threading
import zlib
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

import numpy
import srsly
from spacy.attrs import DEP, ENT_ID, ENT_KB_ID, ENT_TYPE, LEMMA, MORPH, NORM, ORTH, SPACY, TAG
from spacy.language import Language
from spacy.tokens import Doc, DocBin

from ..layer.document import layer_of
from ..nlp import segments
from ..output.export import format_cell, record_to_row
from ..output.schema import CLAIMS, ENTITIES, FIGURES, MENTIONS, Table

BACKENDS = ("local", "processes", "dask")

# The tables each extraction component fills, and the Doc extension they come from.
COMPONENT_TABLES: dict[str, tuple[tuple[Table, str], ...]] = {
    "claimgraph_entities": ((MENTIONS, "mentions"), (ENTITIES, "entities")),
    "claimgraph_claims": ((CLAIMS, "claims"),),
    "claimgraph_figures": ((FIGURES, "figures"),),
}


@dataclass(frozen=True)
class WorkerSettings:
    """Everything a worker needs to build its pipeline; hashable, picklable."""

    model_source: str
    model_kind: str
    components: tuple[str, ...]
    max_length: int = 1_000_000
    batch_size: int = 16
    keep_docs: bool = False  # in-process only: return the annotated Doc objects too


@dataclass
class Task:
    doc_id: str
    text: str  # cleaned text (same length as the raw text)
    parsed: bytes | None = None  # the cached statistical parse, if there is one


@dataclass
class DocResult:
    doc_id: str
    rows: dict[str, list[list[str]]] | None = None  # table name -> rows of formatted cells
    stats: dict[str, int] | None = None
    parsed: bytes | None = None  # a new parse to cache
    failure: dict[str, str] | None = None
    doc: Doc | None = field(default=None, repr=False)


_NLP_BY_SETTINGS: dict[tuple, Language] = {}
_ADDED: dict[int, tuple[str, ...]] = {}  # id(nlp) -> the extraction components get_nlp added to it


def get_nlp(settings: WorkerSettings) -> Language:
    """The pipeline for these settings, loaded once per process.

    A parse-only run (no components) reuses a pipeline of the same model already loaded with components:
    ``annotate`` parses with every added component disabled, which is how an extraction run parses too (the
    parse cache holds the same bytes either way), so a process that runs both loads the model once.
    """
    key = (settings.model_source, settings.model_kind, settings.components)
    if key not in _NLP_BY_SETTINGS and not settings.components:
        for (source, kind, _), loaded in _NLP_BY_SETTINGS.items():
            if (source, kind) == key[:2] and loaded.max_length == max(1_000_000, settings.max_length):  # as a fresh load sets it
                return loaded
    if key not in _NLP_BY_SETTINGS:
        from ..nlp.model import ModelChoice, load_model

        nlp = load_model(ModelChoice(settings.model_source, settings.model_source, settings.model_kind, False))
        nlp.max_length = max(nlp.max_length, settings.max_length)
        for name in settings.components:
            nlp.add_pipe(name)
        _NLP_BY_SETTINGS[key] = nlp
        _ADDED[id(nlp)] = tuple(settings.components)
    return _NLP_BY_SETTINGS[key]


def document_stats(doc: Doc) -> dict[str, int]:
    """Sentences as the rule stages count them (the layer's segmentation, so ``claims.sent_index`` < ``n_sentences``)."""
    layer = layer_of(doc)
    sentences = sum(1 for s, e in layer.sents if not all(layer.is_space[s:e]))
    return {"n_sentences": sentences, "n_tokens": layer.is_space.count(False)}


def extraction_cells(doc: Doc, components: Sequence[str]) -> dict[str, list[list[str]]]:
    """The formatted CSV cells of every table the components fill."""
    tables: dict[str, list[list[str]]] = {}
    doc_id = doc._.doc_id
    for name in components:
        for table, attribute in COMPONENT_TABLES.get(name, ()):
            records = getattr(doc._, attribute) or ()
            columns = table.column_names
            tables[table.name] = [
                # record_to_row(record, table, doc_id=doc_id), without the dict, for the stages' dataclass records
                [format_cell(doc_id if column == "doc_id" else getattr(record, column, None)) for column in columns]
                if not isinstance(record, Mapping) else
                [format_cell(v) for v in record_to_row(record, table, doc_id=doc_id).values()]
                for record in records
            ]
    return tables


# the token attributes whose strings DocBin.add collects (Token.text, tag_, lemma_, norm_, morph, dep_, ent_type_,
# ent_kb_id_, ent_id_), in one array instead of a Token view per token
_STRING_ATTRS = [ORTH, TAG, LEMMA, NORM, MORPH, DEP, ENT_TYPE, ENT_KB_ID, ENT_ID]
_MORPH_COLUMN = _STRING_ATTRS.index(MORPH)
_packer = threading.local()
# zlib's fastest level: DocBin compresses with the default level 6, which took most of the serialisation time;
# level 1 writes parse files about a sixth bigger, and every level decompresses the same way (DocBin.from_bytes)
PARSE_ZLIB_LEVEL = 1


def _serialise(doc: Doc) -> bytes:
    """``DocBin(store_user_data=False, docs=[doc]).to_bytes()`` at a fraction of its cost: the same message, byte
    for byte, compressed at ``PARSE_ZLIB_LEVEL`` instead of zlib's default level.

    ``DocBin.add`` creates a ``Token`` for every token to collect its strings, and ``to_bytes`` builds a new
    msgpack packer, which looks up srsly's entry points, for every call. Here the strings come from one
    ``Doc.to_array`` and the packer is built once per thread. ``tests/test_scale.py`` compares the decompressed
    messages of both on parsed and unparsed Docs.
    """
    bin_ = DocBin(store_user_data=False)
    array = doc.to_array(bin_.attrs)
    if len(array.shape) == 1:
        array = array.reshape((array.shape[0], 1))
    spaces = doc.to_array(SPACY)
    spaces = numpy.asarray(spaces.reshape((spaces.shape[0], 1)), dtype=bool)
    store = doc.vocab.strings
    strings: set[str] = set()
    if len(doc):
        hashes = doc.to_array(_STRING_ATTRS)
        # the distinct hashes of all columns at once; the morphology column apart, because its empty analysis
        # counts as "" while the same string elsewhere (a token "_") counts as itself
        strings = {store[h] for h in numpy.unique(numpy.delete(hashes, _MORPH_COLUMN, axis=1)).tolist()}
        morphs = {store[h] for h in numpy.unique(hashes[:, _MORPH_COLUMN]).tolist()}
        empty_morph = doc.vocab.morphology.EMPTY_MORPH
        if empty_morph in morphs:  # str(token.morph) of an empty analysis is ""
            morphs.discard(empty_morph)
            morphs.add("")
        strings |= morphs
    for group in doc.spans.values():
        for span in group:
            strings.add(span.label_)
            if span.kb_id in store:
                strings.add(span.kb_id_)
            if span.id in store:
                strings.add(span.id_)
    msg = {
        "version": bin_.version,
        "attrs": bin_.attrs,
        "tokens": array.tobytes("C"),
        "spaces": spaces.tobytes("C"),
        "lengths": numpy.asarray([len(array)], dtype="int32").tobytes("C"),
        "strings": sorted(strings),
        "cats": [doc.cats],
        "flags": [{"has_unknown_spaces": doc.has_unknown_spaces}],
        "span_groups": [doc.spans.to_bytes()],
    }
    packer = getattr(_packer, "value", None)
    if packer is None:
        packer = _packer.value = srsly.msgpack.Packer(use_bin_type=True)  # what srsly.msgpack_dumps builds per call
    return zlib.compress(packer.pack(msg), PARSE_ZLIB_LEVEL)


def annotate(settings: WorkerSettings, tasks: Sequence[Task]) -> list[DocResult]:
    """Parse (unless cached) and run the extraction components over one chunk of documents.

    A document that a component fails on gets a ``failure`` instead of rows; the others go on (a failed
    parse batch is retried document by document, see segments.py). Documents are parsed and extracted
    in groups of at most ``segments.BATCH_CHARS`` characters, so only one group's Docs are in memory.
    """
    nlp = get_nlp(settings)
    ours = [name for name in nlp.pipe_names if name in settings.components]
    added = [name for name in nlp.pipe_names if name in _ADDED.get(id(nlp), ())]  # == ours unless get_nlp reused a pipeline
    results = []
    for group in _groups(tasks, settings.batch_size, segments.BATCH_CHARS):
        to_parse = [task for task in group if task.parsed is None]
        fresh = dict(zip((t.doc_id for t in to_parse), segments.parse_texts(nlp, [t.text for t in to_parse], disable=added, batch_size=settings.batch_size)))
        for task in group:
            if task.parsed is not None:
                parsed: Doc | segments.Failure = next(DocBin().from_bytes(task.parsed).get_docs(nlp.vocab))
            else:
                parsed = fresh.pop(task.doc_id)
            results.append(_extract(nlp, ours, task, parsed, settings.keep_docs))
    return results


def _groups(tasks: Sequence[Task], max_docs: int, max_chars: int) -> Iterator[list[Task]]:
    group: list[Task] = []
    chars = 0
    for task in tasks:
        if group and (len(group) >= max_docs or chars + len(task.text) > max_chars):
            yield group
            group, chars = [], 0
        group.append(task)
        chars += len(task.text)
    if group:
        yield group


def _extract(nlp: Language, ours: Sequence[str], task: Task, parsed: Doc | segments.Failure, keep_doc: bool) -> DocResult:
    if isinstance(parsed, segments.Failure):
        return DocResult(task.doc_id, failure=parsed.as_row())
    doc = parsed
    doc._.doc_id = task.doc_id
    result = DocResult(task.doc_id, parsed=_serialise(doc) if task.parsed is None else None)
    name = "extraction"
    try:
        for name in ours:
            doc = nlp.get_pipe(name)(doc)
        result.rows = extraction_cells(doc, ours)
        result.stats = document_stats(doc)
    except Exception as exc:  # one document's failure must not end the run
        result.failure = {"stage": f"nlp:{name}", "problem": "failed", "message": f"{type(exc).__name__}: {exc}"}
    if keep_doc:
        result.doc = doc
    return result


def _chunks(tasks: Iterable[Task], size: int) -> Iterator[list[Task]]:
    iterator = iter(tasks)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _ordered(submit, chunks: Iterator[list[Task]], window: int) -> Iterator[DocResult]:
    """Keep at most ``window`` chunks in flight; yield results in input order."""
    in_flight: deque = deque()
    for chunk in chunks:
        in_flight.append(submit(chunk))
        if len(in_flight) >= window:
            yield from in_flight.popleft().result()
    while in_flight:
        yield from in_flight.popleft().result()


def _start_worker() -> None:
    """Initializer of every local worker process.

    Ctrl-C goes to the whole process group: the parent handles it (drops its staged outputs and
    stops the pool), so workers ignore it instead of each printing a traceback. And a worker must
    not outlive its parent: if the parent is killed (even with SIGKILL), Linux sends the worker
    SIGKILL too (PR_SET_PDEATHSIG), so no 300 MB pipelines are left running without an owner.
    """
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()


def _die_with_parent() -> None:
    import ctypes
    import signal
    import sys

    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        PR_SET_PDEATHSIG = 1
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    # The parent may have died between fork and prctl: then we are already an orphan.
    if os.getppid() == 1:
        os._exit(1)


def _worker_environment() -> None:
    # One BLAS/OpenMP thread per worker process: the processes are the parallelism.
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")


def run_tasks(
    tasks: Iterable[Task],
    settings: WorkerSettings,
    *,
    backend: str = "local",
    workers: int = 1,
    chunk_size: int = 32,
    scheduler: str | None = None,
) -> Iterator[DocResult]:
    """Yield one DocResult per task, in task order, computed by the chosen backend."""
    if backend not in BACKENDS:
        raise ValueError(f"unknown backend {backend!r}; choose one of {', '.join(BACKENDS)}")
    chunks = _chunks(tasks, chunk_size)
    if backend == "local" or (backend == "processes" and workers <= 1):
        for chunk in chunks:
            yield from annotate(settings, chunk)
        return
    if settings.keep_docs:
        raise ValueError("keep_docs works with the local backend only")
    if backend == "processes":
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        _worker_environment()
        context = multiprocessing.get_context("spawn")
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start_worker)
        try:
            yield from _ordered(lambda chunk: pool.submit(annotate, settings, chunk), chunks, window=2 * workers)
        except GeneratorExit:  # the consumer has every result it needs
            pool.shutdown(wait=True)
            raise
        except BaseException:
            # Interrupted or failed: do not wait for chunks in flight, stop the workers now.
            pool.shutdown(wait=False, cancel_futures=True)
            for process in list(getattr(pool, "_processes", {}).values()):
                process.terminate()
            raise
        pool.shutdown(wait=True)
        return
    yield from _run_dask(chunks, settings, workers, scheduler)


def _run_dask(chunks: Iterator[list[Task]], settings: WorkerSettings, workers: int, scheduler: str | None) -> Iterator[DocResult]:
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise ValueError("the dask backend needs `pip install 'claimgraph-de[cluster]'` (dask[distributed])") from exc
    _worker_environment()
    cluster: Any = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        n_workers = max(1, len(client.scheduler_info().get("workers", {})) or workers)
        yield from _ordered(lambda chunk: client.submit(annotate, settings, chunk, pure=False), chunks, window=2 * n_workers)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
