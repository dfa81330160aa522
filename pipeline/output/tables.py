"""Read the output tables back as typed pandas DataFrames, check them, and join the common views.

    from pipeline import load
    tables = load("data/processed")
    tables.claims                      # or tables["claims"]
    tables.texts["ki-aktionsgipfel-paris"][start:end]

Every dtype comes from ``pipeline.output.schema``: ids and text are pandas ``string`` (missing values are
``<NA>``, never the text ``"nan"``), counts and offsets nullable ``Int64``, scores ``Float64``,
labels ``category``, ``datetime`` columns are parsed. Cells are read as text first and converted
column by column, so a cell that does not fit its dtype raises a ``SchemaError`` naming the table,
column and value instead of silently turning into ``NaN``.

``check_tables`` verifies what the schema promises beyond dtypes (unique primary keys, resolving
foreign keys, offsets that point at the text they claim to), so a user can check tables produced
by another version of the pipeline before trusting them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .schema import DERIVED_TABLES, OFFSET_TEXT_COLUMNS, TABLES, Column, Table

if TYPE_CHECKING:
    import pandas as pd

# pandas is imported by the functions that build or read DataFrames, not here: a run imports this module for its
# plain check of the staged tables (check_table_files), and importing pandas costs about half a CPU second

TEXTS_FILE = "texts.jsonl"
MANIFEST_FILE = "manifest.json"
LIST_SEPARATOR = " | "  # how export joins list cells (roles, affiliation)


_TRUE = {"true", "1", "yes"}
_FALSE = {"false", "0", "no"}


class SchemaError(ValueError):
    """A table file does not match ``pipeline.output.schema`` (columns, dtypes)."""


# --------------------------------------------------------------------------- dtypes


def pandas_dtype(column: Column) -> Any:
    """The pandas dtype a schema column is loaded with."""
    if column.dtype == "datetime":
        return "datetime64[ns]"
    if column.dtype in ("string", "Int64", "Float64", "boolean", "category"):
        return column.dtype
    raise SchemaError(f"column {column.name!r}: unknown schema dtype {column.dtype!r}")


_EMPTY_FRAMES: dict[tuple[str, tuple[Column, ...]], pd.DataFrame] = {}


def empty_frame(table: Table) -> pd.DataFrame:
    """A table with no rows but the schema's columns and dtypes (so joins and filters still work)."""
    import pandas as pd

    key = (table.name, table.columns)
    if key not in _EMPTY_FRAMES:  # built once per schema table (a column conversion each), then copied
        _EMPTY_FRAMES[key] = pd.DataFrame({c.name: convert_column(pd.Series([], dtype="string"), c, table.name) for c in table.columns})
    return _EMPTY_FRAMES[key].copy(deep=True)


def _bad_values(raw: pd.Series, converted: pd.Series) -> list[str]:
    return raw[raw.notna() & converted.isna()].unique().tolist()[:5]


def convert_column(raw: pd.Series, column: Column, table_name: str = "") -> pd.Series:
    """Convert a column of CSV cells (``str``, empty = missing) to the schema dtype, strictly."""
    import pandas as pd

    text = raw.astype("string")
    cells = text.mask(text == "")
    kind = column.dtype
    if kind in ("string", "category"):
        return cells.astype(kind)
    if kind == "Int64" and all(v is pd.NA or (type(v) is str and _PLAIN_INT.fullmatch(v)) for v in cells.tolist()):
        return cells.astype("Int64")  # every cell as str(int) writes it: the checks below cannot fail
    if kind in ("Int64", "Float64"):
        numbers = pd.to_numeric(cells, errors="coerce")
        bad = _bad_values(cells, numbers)
        if not bad and kind == "Int64":
            bad = cells[numbers.notna() & (numbers % 1 != 0)].unique().tolist()[:5]
        if bad:
            raise SchemaError(f"{table_name}.{column.name}: not {kind}: {bad}")
        # Integers go through the text so ids and byte counts above 2**53 keep every digit.
        return cells.astype("Int64") if kind == "Int64" else numbers.astype("Float64")
    if kind == "boolean":
        lowered = cells.str.lower()
        bad = lowered[lowered.notna() & ~lowered.isin(_TRUE | _FALSE)].unique().tolist()[:5]
        if bad:
            raise SchemaError(f"{table_name}.{column.name}: not boolean: {bad}")
        return lowered.map(lambda v: pd.NA if v is pd.NA else v in _TRUE).astype("boolean")
    if kind == "datetime":
        parsed = pd.to_datetime(cells, format="ISO8601", errors="coerce")
        bad = _bad_values(cells, parsed)
        if bad:
            raise SchemaError(f"{table_name}.{column.name}: not an ISO 8601 date: {bad}")
        # pandas 3 infers the resolution from the strings; one fixed dtype keeps joins and tests stable
        return parsed.astype(pandas_dtype(column))
    raise SchemaError(f"{table_name}.{column.name}: unknown schema dtype {kind!r}")


def read_table(path: Path | str, table: Table) -> pd.DataFrame:
    """Read one CSV written by export, check its header against the schema and type every column."""
    import pandas as pd

    path = Path(path)
    # Everything as text and no NA guessing: 'NA' (Namibia), 'null' or 'nan' in a quote stay text.
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False, encoding="utf-8")
    found = list(raw.columns)
    if found != table.column_names:
        missing = [c for c in table.column_names if c not in found]
        extra = [c for c in found if c not in table.column_names]
        detail = f"missing {missing}, unexpected {extra}" if missing or extra else "columns in the wrong order"
        raise SchemaError(f"{path.name}: columns do not match the schema of '{table.name}': {detail}")
    return pd.DataFrame({c.name: convert_column(raw[c.name], c, table.name) for c in table.columns})


def read_texts(path: Path | str) -> dict[str, str]:
    """doc_id -> raw text (what every offset indexes) from ``texts.jsonl``."""
    texts: dict[str, str] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                row = json.loads(line)
                texts[row["doc_id"]] = row["text"]
    return texts


# --------------------------------------------------------------------------- container


@dataclass
class Tables(Mapping):
    """All output tables of one run: ``tables.claims`` or ``tables["claims"]``, plus texts and manifest."""

    frames: dict[str, pd.DataFrame]
    texts: dict[str, str] = field(default_factory=dict)
    manifest: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None
    missing: tuple[str, ...] = ()  # tables with no file (allow_missing): their foreign keys are not checked

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.frames[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.frames)

    def __len__(self) -> int:
        return len(self.frames)

    def __getattr__(self, name: str) -> pd.DataFrame:
        # Only called for names that are not real attributes, so frames never shadow methods.
        frames = self.__dict__.get("frames", {})
        if name in frames:
            return frames[name]
        raise AttributeError(f"no table or attribute {name!r} (tables: {', '.join(frames)})")

    def __dir__(self) -> list[str]:
        return sorted(set(super().__dir__()) | set(self.frames))

    def __repr__(self) -> str:
        counts = ", ".join(f"{name}={len(frame)}" for name, frame in self.frames.items())
        return f"Tables({self.path}: {counts})"


def load(path: Path | str = "data/processed", *, allow_missing: bool = False, verify: bool = True) -> Tables:
    """Every table of ``pipeline.output.schema`` in ``path`` as typed DataFrames, plus texts and manifest.

    A missing table file is an error naming the command that writes it; with ``allow_missing``
    it becomes an empty, correctly typed table (useful after running only some stages).

    With ``verify`` (the default) the folder is first brought to a consistent state (a switch that a
    killed run left half done is finished, see ``pipeline.run.run_folder``), and every file is compared
    with the SHA-256 the manifest records for it: tables of two different runs are never returned
    together.
    """
    path = Path(path)
    if not path.is_dir():
        raise FileNotFoundError(f"{path} is not a directory: run `python cli.py extract` first")
    if verify:
        settle_folder(path)
        verify_files(path)
    missing = [t.file_name for t in TABLES.values() if not (path / t.file_name).exists() and t.name not in DERIVED_TABLES]
    if missing and not allow_missing:
        raise FileNotFoundError(f"{path}: missing {', '.join(missing)}: run `python cli.py extract` first")
    frames = {
        name: read_table(path / table.file_name, table) if (path / table.file_name).exists() else empty_frame(table)
        for name, table in TABLES.items()
    }
    # speakers.csv and quote_clusters.csv are computed from entities and claims (pipeline.output.corpus):
    # a run written before they existed gets them derived here, the same way the runner does.
    underived = [name for name in DERIVED_TABLES if not (path / TABLES[name].file_name).exists()]
    if underived:
        frames.update({name: frame for name, frame in corpus_frames(frames).items() if name in underived})
    texts = read_texts(path / TEXTS_FILE) if (path / TEXTS_FILE).exists() else {}
    manifest_path = path / MANIFEST_FILE
    manifest = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.exists() else {}
    return Tables(frames, texts, manifest, path, missing=tuple(t.name for t in TABLES.values() if t.file_name in missing))


def corpus_frames(frames: Mapping[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """``speakers`` and ``quote_clusters`` as typed DataFrames from loaded ``entities``/``claims``/``documents``."""
    import pandas as pd

    from .corpus import corpus_rows, doc_dates, frame_records, text_cell
    from .schema import QUOTE_CLUSTERS, SPEAKERS

    speakers, clusters = corpus_rows(frame_records(frames["claims"]), frame_records(frames["entities"]), doc_dates(frames["documents"]))
    out = {}
    for table, rows in ((SPEAKERS, speakers), (QUOTE_CLUSTERS, clusters)):
        raw = {c.name: pd.Series([text_cell(r.get(c.name)) for r in rows], dtype="string") for c in table.columns}
        out[table.name] = pd.DataFrame({c.name: convert_column(raw[c.name], c, table.name) for c in table.columns})
    return out


def read_or_empty(path: Path, table: Table) -> pd.DataFrame:
    """A table file, or an empty table of its schema where it has not been written (a stage run alone)."""
    return read_table(path / table.file_name, table) if (path / table.file_name).exists() else empty_frame(table)


def settle_folder(path: Path, *, wait_seconds: float = 10.0) -> None:
    """Finish a half-done switch of outputs before reading; wait while a live run is switching."""
    import time

    from ..run.run_folder import JOURNAL_FILE, folder_is_locked, roll_forward

    deadline = time.monotonic() + wait_seconds
    while (path / JOURNAL_FILE).exists():
        if not folder_is_locked(path):
            roll_forward(path)
            return
        if time.monotonic() > deadline:
            raise SchemaError(f"{path}: a run is switching its outputs in; try again when it has finished")
        time.sleep(0.05)


def verify_files(path: Path) -> None:
    """Every file the manifest lists has the recorded SHA-256 (older manifests without the list pass)."""
    from .export import file_digest

    manifest_path = path / MANIFEST_FILE
    if not manifest_path.exists():
        return
    recorded = json.loads(manifest_path.read_text(encoding="utf-8")).get("files") or {}
    mismatched = [name for name, digest in recorded.items() if (path / name).is_file() and file_digest(path / name) != digest]
    missing = [name for name in recorded if not (path / name).is_file()]
    if mismatched or missing:
        detail = "; ".join(filter(None, [
            f"changed since the run: {', '.join(mismatched)}" if mismatched else "",
            f"missing: {', '.join(missing)}" if missing else "",
        ]))
        raise SchemaError(
            f"{path}: the files do not belong to the run recorded in {MANIFEST_FILE} ({detail}); "
            "run `python cli.py extract` again, or load with verify=False to read them anyway"
        )


# --------------------------------------------------------------------------- checks


def check_tables(tables: Tables) -> list[str]:
    """Problems with keys and offsets, one message each; an empty list means the tables are consistent.

    Checks: primary keys unique and complete, every foreign key resolves, every offset pair lies
    inside the document's raw text with start <= end, and the text columns equal the raw text
    between their offsets.
    """
    problems: list[str] = []
    # --excel-safe output prefixes formula-like text cells with an apostrophe (recorded in the manifest).
    excel_safe = bool(tables.manifest.get("output_options", {}).get("excel_safe"))
    for name, table in TABLES.items():
        frame = tables.frames.get(name)
        if frame is None or frame.empty:
            continue
        problems += _check_primary_key(name, table, frame)
        problems += _check_foreign_keys(name, table, frame, tables)
        if tables.texts and "doc_id" in frame.columns:
            problems += _check_offsets(name, frame, tables.texts, excel_safe=excel_safe)
    return problems


def _check_primary_key(name: str, table: Table, frame: pd.DataFrame) -> list[str]:
    key = list(table.primary_key)
    problems = []
    incomplete = frame[key].isna().any(axis=1)
    if incomplete.any():
        problems.append(f"{name}: {int(incomplete.sum())} rows with an empty primary key {key}")
    duplicated = frame[~incomplete].duplicated(subset=key, keep=False)
    if duplicated.any():
        examples = frame[~incomplete][duplicated][key].drop_duplicates().head(3).to_dict("records")
        problems.append(f"{name}: duplicate primary key {key}: {examples}")
    return problems


def _check_foreign_keys(name: str, table: Table, frame: pd.DataFrame, tables: Tables) -> list[str]:
    problems = []
    for column, target in table.foreign_keys.items():
        target_table, target_column = target.split(".")
        if target_table not in tables.frames or target_table in tables.missing:
            continue  # a table not written yet (a stage run alone) has nothing to check against
        known = set(tables.frames[target_table][target_column].dropna())
        values = frame[column].dropna()
        dangling = values[~values.isin(known)].unique().tolist()
        if dangling:
            problems.append(f"{name}.{column}: {len(dangling)} values not in {target}: {dangling[:5]}")
    return problems


def _same_text(cell: str, raw: str, excel_safe: bool) -> bool:
    from .export import neutralise_formula

    return cell == raw or (excel_safe and cell == neutralise_formula(raw))


def _check_offsets(name: str, frame: pd.DataFrame, texts: Mapping[str, str], *, excel_safe: bool = False) -> list[str]:
    import pandas as pd

    problems = []
    unknown = sorted(set(frame["doc_id"].dropna()) - set(texts))
    if unknown:
        problems.append(f"{name}: doc_id not in {TEXTS_FILE}: {unknown[:5]}")
    for text_col, start_col, end_col in OFFSET_TEXT_COLUMNS:
        if not {start_col, end_col}.issubset(frame.columns):
            continue
        has_text = text_col in frame.columns
        bad = []
        # plain lists, not a row object per row (itertuples is most of the check's time on a large run)
        doc_ids, starts, ends = frame["doc_id"].tolist(), frame[start_col].tolist(), frame[end_col].tolist()
        cells = frame[text_col].tolist() if has_text else [None] * len(doc_ids)
        for doc_id, start, end, cell in zip(doc_ids, starts, ends, cells):
            raw = texts.get(doc_id)
            if raw is None or pd.isna(start) or pd.isna(end):
                continue
            if not 0 <= start <= end <= len(raw):
                bad.append(f"{doc_id} [{start}:{end}] outside the text (length {len(raw)})")
            elif has_text and not pd.isna(cell) and not _same_text(cell, raw[start:end], excel_safe):
                bad.append(f"{doc_id} [{start}:{end}] is {raw[start:end]!r}, {text_col} is {cell!r}")
        if bad:
            problems.append(f"{name}.{start_col}/{end_col}: {len(bad)} bad offsets, e.g. {bad[:3]}")
    return problems


# --------------------------------------------------------------------------- joins


def speaker_label(claims: pd.DataFrame) -> pd.Series:
    """Who a claim is attributed to, for counting: canonical name, else the mention as written."""
    return claims["speaker_name"].fillna(claims["speaker_text"]).astype("string")


def claims_with_speakers_and_figures(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per claim with its document, resolved speaker entity and the figures in its message.

    Adds ``path`` and ``date`` (document), ``speaker`` (canonical name, else the mention as written,
    else ``<NA>``), ``speaker_label``/``speaker_roles``/``speaker_affiliation``/``speaker_global_id``
    (entity), ``n_figures``, ``figure_ids``, ``figures`` (texts joined with ' | '), and where the
    tables have them ``quote_cluster_id`` and ``cluster_size`` (``quote_clusters``).
    """
    claims = tables["claims"]
    documents = tables["documents"][["doc_id", "path", "date"]]
    speakers = tables["entities"][["entity_id", "label", "roles", "affiliation", "global_id"]].rename(
        columns={
            "entity_id": "speaker_entity_id",
            "label": "speaker_label",
            "roles": "speaker_roles",
            "affiliation": "speaker_affiliation",
            "global_id": "speaker_global_id",
        }
    )
    linked = tables["figures"].dropna(subset=["claim_id"]).sort_values(["claim_id", "start_char"])
    per_claim = linked.groupby("claim_id", sort=False).agg(
        n_figures=("figure_id", "size"),
        figure_ids=("figure_id", LIST_SEPARATOR.join),
        figures=("text", LIST_SEPARATOR.join),
    )
    out = claims.merge(documents, on="doc_id", how="left", validate="many_to_one")
    out = out.merge(speakers, on="speaker_entity_id", how="left", validate="many_to_one")
    out = out.merge(per_claim, left_on="claim_id", right_index=True, how="left", validate="one_to_one")
    out.insert(out.columns.get_loc("speaker_name") + 1, "speaker", speaker_label(out))
    if "quote_clusters" in tables:
        # the cross-document quote cluster (pipeline.output.corpus): count reprinted quotes once
        clusters = tables["quote_clusters"][["claim_id", "quote_cluster_id", "cluster_size"]]
        out = out.merge(clusters, on="claim_id", how="left", validate="one_to_one")
    out["n_figures"] = out["n_figures"].fillna(0).astype("Int64")
    for column in ("figure_ids", "figures", "speaker_roles", "speaker_affiliation", "speaker_global_id"):
        out[column] = out[column].astype("string")
    return out.reset_index(drop=True)


def figures_with_speakers(tables: Mapping[str, pd.DataFrame], *, linked_only: bool = True) -> pd.DataFrame:
    """One row per figure with the claim it belongs to and that claim's speaker (who claims which figure)."""
    claims = tables["claims"][["claim_id", "form", "speaker_name", "speaker_text", "speaker_entity_id", "speaker_resolution", "confidence", "claim_text"]]
    out = tables["figures"].merge(claims, on="claim_id", how="inner" if linked_only else "left", validate="many_to_one")
    out.insert(out.columns.get_loc("speaker_name"), "speaker", speaker_label(out))
    return out.reset_index(drop=True)


def entity_first_mentions(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Per entity its first mention by name (not a pronoun or description): the antecedent a reader sees."""
    mentions = tables["mentions"]
    named = mentions[~mentions["link_method"].isin(["pronoun", "role_description"])]
    return named.sort_values(["doc_id", "start_char"]).drop_duplicates("entity_id").reset_index(drop=True)


# --------------------------------------------------------------------------- the run's own check, without pandas
#
# A run checks the tables it has just staged before switching them in (pipeline.run.runner._finish) and builds
# the corpus tables from them. Reading them back as typed DataFrames is most of a small run's fixed cost, so the
# run reads the CSV cells with the csv module instead. The plain reader only vouches for cells in the canonical
# form the exporter writes (``str(int)``, ``repr(float)``, ``YYYY-MM-DD``, ``true``/``false``); any other cell,
# an unexpected header or row length, a key over columns of different kinds, or any problem found at all sends
# the caller back to ``load`` + ``check_tables``, which decide (and word the message) exactly as before.


class NotPlain(Exception):
    """The plain reader cannot vouch for a table file: use the typed (pandas) path."""


_PLAIN_INT = re.compile(r"-?(?:0|[1-9][0-9]{0,17})")  # what str(int) writes, well inside Int64
_PLAIN_FLOAT = re.compile(r"-?(?:[0-9]+(?:\.[0-9]+)?(?:e[+-]?[0-9]+)?|inf)")  # what format_cell writes for a float
_PLAIN_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_BOOLEAN_CELLS = frozenset(_TRUE | _FALSE)


def _plain_value(cell: str, kind: str) -> Any:
    """The typed value of a non-empty cell, as ``read_table`` gives it, or NotPlain."""
    if kind in ("string", "category"):
        return cell
    if kind == "Int64":
        if _PLAIN_INT.fullmatch(cell):
            return int(cell)
    elif kind == "Float64":
        if _PLAIN_FLOAT.fullmatch(cell):
            return float(cell)
    elif kind == "boolean":
        lowered = cell.lower()
        if lowered in _BOOLEAN_CELLS:
            return lowered in _TRUE
    elif kind == "datetime":
        if _PLAIN_DATE.fullmatch(cell):
            import datetime as dt

            try:
                day = dt.datetime.fromisoformat(cell)
            except ValueError:
                raise NotPlain(cell) from None
            if 1678 <= day.year <= 2261:  # inside datetime64[ns]
                return day  # str() gives 'YYYY-MM-DD 00:00:00', as a pandas Timestamp does
    raise NotPlain(cell)


def read_plain(path: Path | str, table: Table) -> list[list[str]]:
    """The data rows of one table file as lists of cells in schema order, every cell checked against its dtype."""
    import csv

    names = table.column_names
    kinds = [c.dtype for c in table.columns]
    width = len(names)
    typed = [i for i, k in enumerate(kinds) if k not in ("string", "category")]
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        if next(reader, None) != names:
            raise NotPlain(f"{path}: header")
        rows = list(reader)
    for row in rows:
        if len(row) != width:
            raise NotPlain(f"{path}: row length")
        for i in typed:
            if row[i]:
                _plain_value(row[i], kinds[i])
    return rows


def plain_records(path: Path, table: Table) -> list[dict[str, Any]]:
    """A table file (or no file: no rows) as ``corpus.frame_records`` gives it from the loaded frame: typed values,
    None for empty cells."""
    if not (Path(path) / table.file_name).exists():
        return []
    kinds = [(c.name, c.dtype) for c in table.columns]
    empty: dict[str, Any] = dict.fromkeys(kind for _, kind in kinds)
    if "datetime" in empty:
        import pandas as pd

        # frame_records keeps an empty date as NaT (its text is 'NaT', not ''), so the records do too
        empty["datetime"] = pd.NaT
    return [
        {name: (_plain_value(cell, kind) if cell else empty[kind]) for (name, kind), cell in zip(kinds, row)}
        for row in read_plain(Path(path) / table.file_name, table)
    ]


def plain_doc_dates(path: Path) -> dict[str, str]:
    """``corpus.doc_dates(plain_records(path, documents))``, without pandas; NotPlain where the reader is unsure."""
    table = TABLES["documents"]
    if not (Path(path) / table.file_name).exists():
        return {}
    names = table.column_names
    doc_id, date = names.index("doc_id"), names.index("date")
    # a plain date cell is YYYY-MM-DD, the first 10 characters of its Timestamp's text; an empty one is NaT in the
    # typed records, whose text 'NaT' doc_dates keeps (undated documents sort after the dated ones), so it is kept
    return {row[doc_id]: (row[date][:10] if row[date] else "NaT") for row in read_plain(Path(path) / table.file_name, table)}


def _key_kind(table: Table, column: str) -> str:
    kind = next(c.dtype for c in table.columns if c.name == column)
    if kind in ("string", "category"):
        return "text"
    if kind == "Int64":
        return "int"
    raise NotPlain(f"{table.name}.{column}: a key of dtype {kind}")


def _plain_problems(path: Path) -> list[str]:
    """``check_tables(load(path, allow_missing=True, verify=False))`` on plain cells; NotPlain where unsure."""
    rows = {name: read_plain(path / t.file_name, t) for name, t in TABLES.items() if (path / t.file_name).exists()}
    missing = {name for name, t in TABLES.items() if name not in rows and name not in DERIVED_TABLES}
    if any(name not in rows for name in DERIVED_TABLES) and (rows.get("claims") or rows.get("entities")):
        raise NotPlain("corpus tables to derive")  # load() would compute them from claims and entities
    texts = read_texts(path / TEXTS_FILE) if (path / TEXTS_FILE).exists() else {}
    manifest_path = path / MANIFEST_FILE
    manifest = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.exists() else {}
    excel_safe = bool(manifest.get("output_options", {}).get("excel_safe"))
    problems: list[str] = []
    for name, table in TABLES.items():
        data = rows.get(name)
        if not data:
            continue
        index = {n: i for i, n in enumerate(table.column_names)}
        for column in table.primary_key:
            _key_kind(table, column)
        key = [index[c] for c in table.primary_key]
        seen: set[tuple[str, ...]] = set()
        for row in data:
            values = tuple(row[i] for i in key)
            if "" in values or values in seen:
                return ["primary key"]  # incomplete or duplicated: the typed check words it
            seen.add(values)
        for column, target in table.foreign_keys.items():
            target_name, target_column = target.split(".")
            if target_name in missing:
                continue
            target_table = TABLES[target_name]
            if _key_kind(table, column) != _key_kind(target_table, target_column):
                raise NotPlain(f"{name}.{column} -> {target}: columns of different kinds")
            t = target_table.column_names.index(target_column)
            known = {r[t] for r in rows.get(target_name, ()) if r[t]}
            c = index[column]
            if any(r[c] and r[c] not in known for r in data):
                return ["foreign key"]
        if texts and "doc_id" in index:
            d = index["doc_id"]
            if any(r[d] and r[d] not in texts for r in data):
                return ["doc_id"]
            for text_col, start_col, end_col in OFFSET_TEXT_COLUMNS:
                if start_col not in index or end_col not in index:
                    continue
                s, e = index[start_col], index[end_col]
                t = index.get(text_col)
                for r in data:
                    raw = texts.get(r[d]) if r[d] else None
                    if raw is None or not r[s] or not r[e]:
                        continue
                    start, end = int(r[s]), int(r[e])
                    if not 0 <= start <= end <= len(raw):
                        return ["offsets"]
                    if t is not None and r[t] and not _same_text(r[t], raw[start:end], excel_safe):
                        return ["offsets"]
    return problems


def check_table_files(path: Path | str) -> list[str]:
    """``check_tables(load(path, allow_missing=True, verify=False))``, the same answer at a fraction of the cost.

    The check a run makes on its staged tables. When every cell is plain and no problem is found, the answer is
    the empty list without pandas; otherwise the typed path runs and gives (or raises) exactly what it always did.
    """
    path = Path(path)
    try:
        if _plain_problems(path) == []:
            return []
    except Exception:  # NotPlain, or anything the typed path must report in its own words
        pass
    return check_tables(load(path, allow_missing=True, verify=False))
