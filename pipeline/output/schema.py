"""The single source of truth for every output table: columns, dtypes, keys, descriptions.

Export writes rows in exactly this column order; ``pipeline.load`` reads tables back with these
dtypes; a test checks the written CSVs against it and the README tables are generated from it
(``python cli.py schema --markdown``).
"""

from __future__ import annotations

from dataclasses import dataclass, field


# Text columns whose content must equal the raw text between the given offset columns.
OFFSET_TEXT_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("text", "start_char", "end_char"),
    ("claim_text", "start_char", "end_char"),
    ("cue_text", "cue_start_char", "cue_end_char"),
    ("speaker_text", "speaker_start_char", "speaker_end_char"),
)


@dataclass(frozen=True)
class Column:
    name: str
    dtype: str  # pandas dtype used when loading: string, Int64, Float64, boolean, category, datetime
    description: str


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: dict[str, str] = field(default_factory=dict)  # column -> "table.column"
    # (text column, start column, end column): raw_text[start:end] == text must hold for every row
    spans: tuple[tuple[str, str, str], ...] = ()

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def file_name(self) -> str:
        return f"{self.name}.csv"


def _cols(*specs: tuple[str, str, str]) -> tuple[Column, ...]:
    return tuple(Column(*spec) for spec in specs)


OFFSETS = "character offset into the decoded raw text (see texts.jsonl)"

DOCUMENTS = Table(
    "documents",
    "One row per input file that was read.",
    _cols(
        ("doc_id", "string", "stable id: slug of the path relative to the input directory (hash suffix on collision)"),
        ("path", "string", "path relative to the input directory"),
        ("encoding", "category", "detected encoding: utf-8, utf-8-sig, utf-16, utf-8+replaced, cp1252, latin-1"),
        ("language", "category", "detected language (de, en, fr, und = undetermined); only de and und are mined for claims"),
        ("newlines", "category", "line endings in the file before normalisation to LF: LF, CRLF, CR, mixed, none"),
        ("sha256", "string", "SHA-256 of the file's bytes"),
        ("n_bytes", "Int64", "file size in bytes"),
        ("n_chars", "Int64", "length of the decoded raw text"),
        ("date", "datetime", "document date found in the text (ISO 8601, e.g. from a 'Stand: 08.12.2025' line), else the page date of an HTML page, else empty"),
        ("chars_kept", "Int64", "characters in blocks kept as content"),
        ("chars_removed", "Int64", "characters in blocks removed as boilerplate"),
        ("n_sentences", "Int64", "sentences in the cleaned text, as the claim stage segments it (claims.sent_index counts from 0 up to n_sentences - 1)"),
        ("n_tokens", "Int64", "tokens in the cleaned text (whitespace tokens excluded)"),
        # HTML input only (html_input.py): page metadata, empty for text input.
        ("title", "string", "HTML page: title (og:title, <title> or the headline), else empty"),
        ("author", "string", "HTML page: author(s) from the page metadata, separated by '; ', else empty"),
        ("page_date", "datetime", "HTML page: publication date from the page metadata (ISO 8601), else empty"),
        ("site_name", "string", "HTML page: name of the site (og:site_name or publisher), else empty"),
        ("canonical_url", "string", "HTML page: canonical address (<link rel=canonical>, og:url); never fetched"),
        ("page_language", "string", "HTML page: declared language (<html lang>, content-language), else empty"),
    ),
    primary_key=("doc_id",),
)

BOILERPLATE = Table(
    "boilerplate",
    "One row per block removed as boilerplate (nothing is dropped silently).",
    _cols(
        ("doc_id", "string", "document"),
        ("block_index", "Int64", "position of the block in the document (0-based)"),
        ("start_char", "Int64", f"start of the block, {OFFSETS}"),
        ("end_char", "Int64", f"end of the block (exclusive), {OFFSETS}"),
        ("category", "category", "consent, newsletter, privacy, cookie, advertising, navigation, social, credit, subscription, other, teaser, contact, about"),
        ("score", "Float64", "combined boilerplate score of the block"),
        ("signals", "string", "signals that fired with their scores, 'name=score' separated by '; '"),
        ("text", "string", "the removed text"),
    ),
    primary_key=("doc_id", "block_index"),
    foreign_keys={"doc_id": "documents.doc_id"},
    spans=(("text", "start_char", "end_char"),),
)

MENTIONS = Table(
    "mentions",
    "One row per mention of a person, organisation, location or other named entity.",
    _cols(
        ("doc_id", "string", "document"),
        ("mention_id", "string", "unique mention id: '<doc_id>:M<n>'"),
        ("entity_id", "string", "entity the mention belongs to (entities.entity_id)"),
        ("text", "string", "the mention as written"),
        ("label", "category", "PER, ORG, LOC or MISC"),
        ("start_char", "Int64", f"start, {OFFSETS}"),
        ("end_char", "Int64", f"end (exclusive), {OFFSETS}"),
        ("sent_index", "Int64", "sentence index in the document (0-based)"),
        ("link_method", "category", "how the mention was linked: full_name, surname_alias, acronym, name_variant, pronoun, role_description"),
    ),
    primary_key=("mention_id",),
    foreign_keys={"doc_id": "documents.doc_id", "entity_id": "entities.entity_id"},
    spans=(("text", "start_char", "end_char"),),
)

ENTITIES = Table(
    "entities",
    "One row per entity per document.",
    _cols(
        ("doc_id", "string", "document"),
        ("entity_id", "string", "unique entity id: '<doc_id>:E<n>'"),
        ("label", "category", "PER, ORG, LOC or MISC"),
        ("canonical_name", "string", "fullest name form in the document ('Ursula von der Leyen')"),
        ("acronym", "string", "acronym linked to the name ('IEA'), else empty"),
        ("n_mentions", "Int64", "number of mentions (names, aliases, pronouns, descriptions)"),
        ("roles", "string", "roles and titles found with the entity, separated by ' | '"),
        ("affiliation", "string", "organisations or parties the entity belongs to, separated by ' | '"),
        ("gender", "category", "female, male or empty (unknown); persons only"),
        ("global_id", "string", "normalised name key that groups the same entity across documents"),
    ),
    primary_key=("entity_id",),
    foreign_keys={"doc_id": "documents.doc_id"},
)

CLAIMS = Table(
    "claims",
    "One row per attributed claim (a speech, thought or writing event).",
    _cols(
        ("doc_id", "string", "document"),
        ("claim_id", "string", "unique claim id: '<doc_id>:C<n>'"),
        ("sent_index", "Int64", "sentence index of the start of the message (0-based)"),
        ("form", "category", "direct, indirect, free_indirect, reported, according_to or mixed"),
        ("claim_text", "string", "the message; direct and indirect speech without its introducing frame, reported speech events and free indirect continuations (no separable message) the whole sentence"),
        ("start_char", "Int64", f"start of the message, {OFFSETS}"),
        ("end_char", "Int64", f"end of the message (exclusive), {OFFSETS}"),
        ("cue_lemma", "string", "lemma of the cue ('sagen', 'betonen', 'hervorheben', 'laut', 'zufolge', ':')"),
        ("cue_text", "string", "the cue as written"),
        ("cue_start_char", "Int64", f"start of the cue, {OFFSETS}"),
        ("cue_end_char", "Int64", f"end of the cue (exclusive), {OFFSETS}"),
        ("speaker_text", "string", "the speaker as written ('sie', 'der UN-Chef', 'Fatih Birol'); empty if unattributed"),
        ("speaker_start_char", "Int64", f"start of the speaker mention, {OFFSETS}"),
        ("speaker_end_char", "Int64", f"end of the speaker mention (exclusive), {OFFSETS}"),
        ("speaker_entity_id", "string", "resolved speaker (entities.entity_id), empty if none"),
        ("speaker_name", "string", "canonical name of the resolved speaker"),
        ("speaker_resolution", "category", "explicit, alias, pronoun, description, group, continuation (speaker inherited from the claim before: a quote or Konjunktiv sentence without a cue of its own) or unattributed"),
        ("addressee_text", "string", "addressee where stated, else empty"),
        ("confidence", "Float64", "0..1, how sure the rules are about message and speaker"),
        ("evidence", "string", "the rules that fired, separated by ' | '"),
    ),
    primary_key=("claim_id",),
    foreign_keys={"doc_id": "documents.doc_id", "speaker_entity_id": "entities.entity_id"},
    spans=(
        ("claim_text", "start_char", "end_char"),
        ("cue_text", "cue_start_char", "cue_end_char"),
        ("speaker_text", "speaker_start_char", "speaker_end_char"),
    ),
)

FIGURES = Table(
    "figures",
    "One row per number expression (amount, count, percentage, measure, date ...).",
    _cols(
        ("doc_id", "string", "document"),
        ("figure_id", "string", "unique figure id: '<doc_id>:F<n>'"),
        ("sent_index", "Int64", "sentence index (0-based)"),
        ("text", "string", "the expression as written, qualifier included ('rund 1.500 Teilnehmern')"),
        ("start_char", "Int64", f"start, {OFFSETS}"),
        ("end_char", "Int64", f"end (exclusive), {OFFSETS}"),
        ("value", "Float64", "number in base units ('50 Milliarden Euro' -> 50000000000); empty for unquantified mentions"),
        ("value_max", "Float64", "upper bound of a range, else empty"),
        ("unit", "string", "ISO 4217 code for money; percent or percentage_point; a physical or duration unit; 'count' for counts; empty for dates, years, ordinals"),
        ("counted", "string", "lemma of what is counted ('Staat', 'Teilnehmer'), else empty"),
        ("qualifier", "category", "exact, approximately, at_least, more_than, at_most, less_than, up_to, range"),
        ("kind", "category", "money, percent, count, measure, date, year, duration, ordinal"),
        ("claim_id", "string", "claim whose message contains the figure (claims.claim_id), else empty"),
    ),
    primary_key=("figure_id",),
    foreign_keys={"doc_id": "documents.doc_id", "claim_id": "claims.claim_id"},
    spans=(("text", "start_char", "end_char"),),
)

ERRORS = Table(
    "errors",
    "One row per input file or document that could not be processed completely.",
    _cols(
        ("path", "string", "input file, relative to the input directory"),
        ("doc_id", "string", "document id if one was assigned, else empty"),
        ("stage", "category", "stage that reported the problem (ingest, clean, nlp, ...)"),
        ("problem", "category", "problem code: empty, binary, too_large, unreadable, outside_input, special_file, symlink_loop, invalid_name (file or folder skipped); invalid_bytes, not_german (file processed with a caveat); failed (a component failed on the document); HTML pages: not_html, html_frames, html_no_body, html_script_only, html_broken (skipped), html_broken_markup, html_huge_scripts, html_charset, html_no_main_text, html_extractor_failed (processed with a caveat)"),
        ("message", "string", "human-readable explanation"),
    ),
    primary_key=("path", "stage", "problem"),
)

# Cross-document tables (pipeline/output/corpus.py), written once every document is done.
SPEAKERS = Table(
    "speakers",
    "One row per cross-document speaker (everyone with at least one claim), most claims first.",
    _cols(
        ("global_id", "string", "speaker key: the entities' global_id ('per:marina-koehn'; umlauts as ae/oe/ue, ß as ss), 'group:<words>' for groups, 'name:<words>' for names without an entity"),
        ("name", "string", "the most frequent canonical name (else the mention as written)"),
        ("label", "category", "PER, ORG, LOC or MISC; empty for groups and unlinked names"),
        ("kind", "category", "person, organisation, place, other, group (e.g. 'rund 60 Staaten', 'Beobachtern') or unlinked (a name without an entity)"),
        ("names", "string", "every name the speaker appears under, most frequent first, separated by ' | '"),
        ("roles", "string", "roles and titles seen in any document, most frequent first, separated by ' | '"),
        ("affiliations", "string", "organisations or parties seen in any document, separated by ' | '"),
        ("n_claims", "Int64", "claims attributed to the speaker"),
        ("n_quotes", "Int64", "distinct quotes: claims with reprints counted once (quote_clusters.quote_cluster_id)"),
        ("n_documents", "Int64", "documents with at least one claim of the speaker"),
    ),
    primary_key=("global_id",),
)

QUOTE_CLUSTERS = Table(
    "quote_clusters",
    "One row per claim: the cluster of near-identical claims of the same speaker across documents (reprinted agency copy).",
    _cols(
        ("claim_id", "string", "claim (claims.claim_id)"),
        ("doc_id", "string", "document"),
        ("speaker_global_id", "string", "speaker (speakers.global_id); empty for unattributed claims and unresolved pronouns or descriptions"),
        ("quote_cluster_id", "string", "claim_id of the cluster's earliest claim (by document date, document, position): same speaker, different documents, message word sets with Jaccard >= 0.8 (under 4 words: identical), transitively"),
        ("cluster_size", "Int64", "claims in the cluster (1 = not reprinted)"),
        ("cluster_documents", "Int64", "documents the cluster's claims come from"),
    ),
    primary_key=("claim_id",),
    foreign_keys={"claim_id": "claims.claim_id", "doc_id": "documents.doc_id", "speaker_global_id": "speakers.global_id"},
)

TABLES: dict[str, Table] = {t.name: t for t in (DOCUMENTS, BOILERPLATE, MENTIONS, ENTITIES, CLAIMS, FIGURES, ERRORS, SPEAKERS, QUOTE_CLUSTERS)}
# Tables computed from the others after all documents (pipeline/output/corpus.py); the loader derives them
# when a run predates them.
DERIVED_TABLES = ("speakers", "quote_clusters")


def markdown_table(table: Table) -> str:
    lines = [f"`{table.file_name}`: {table.description}", "", "| column | type | description |", "|---|---|---|"]
    lines += [f"| `{c.name}` | {c.dtype} | {c.description} |" for c in table.columns]
    return "\n".join(lines)
