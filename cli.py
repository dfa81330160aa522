"""Command line of claimgraph-de. Thin: parses options and calls ``pipeline``.

    python cli.py extract            # all stages over data/raw -> data/processed
    python cli.py claims             # re-run one stage over the saved output of the previous one
    python cli.py --help
"""

from __future__ import annotations

import logging
import signal
import sys
import threading
from pathlib import Path
from typing import Annotated, Optional

import typer

from pipeline.run import runner
from pipeline.load import SchemaError
from pipeline.nlp.model import ModelNotFoundError
from pipeline.run.run_folder import RunFolderError, describe_os_error

INTERRUPTED_EXIT_CODE = 130  # the shell's code for "ended by SIGINT"

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Extract attributed claims, speakers and figures from German texts into tidy CSV tables.",
)
evaluate_app = typer.Typer(no_args_is_help=True, help="Accuracy evaluations that print numbers.")
app.add_typer(evaluate_app, name="evaluate")

InputDir = Annotated[Path, typer.Option("--input", "-i", help="Directory with .txt/.md/.html/.htm files (searched recursively).")]
OutputDir = Annotated[Path, typer.Option("--output", "-o", help="Directory for the CSV tables and manifest.json.")]
InterimDir = Annotated[
    Optional[Path],
    typer.Option("--interim", help="Directory for intermediate stage outputs. Default: a hidden .interim folder inside --output."),
]
ModelOpt = Annotated[
    Optional[str],
    typer.Option("--model", "-m", envvar="CLAIMGRAPH_MODEL", help="spaCy package name or pipeline directory. Default: de_core_news_lg with fallback."),
]
NoStrip = Annotated[bool, typer.Option("--no-strip-boilerplate", help="Keep every block; nothing is removed as boilerplate.")]
Phrases = Annotated[
    Optional[list[Path]],
    typer.Option("--boilerplate-phrases", help="Extra boilerplate phrase file(s), same format as pipeline/resources/boilerplate_phrases.tsv."),
]
MaxBytes = Annotated[int, typer.Option("--max-doc-bytes", help="Skip (and report) input files larger than this.")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bars.")]
Strict = Annotated[bool, typer.Option("--strict", help="Stop at the first problem (unreadable file, failed document) instead of skipping it.")]
ExcelSafe = Annotated[
    bool,
    typer.Option("--excel-safe", help="Prefix text cells starting with = + - @ with an apostrophe so spreadsheets do not run them as formulas."),
]
# Stage commands keep the output options of the run they continue (recorded in manifest.json).
KeepExcelSafe = Annotated[
    bool,
    typer.Option("--excel-safe", help="Kept from the run this command continues (manifest.json); asking for it on a run made without it is an error."),
]
PARTIAL_EXIT_CODE = 3
Backend = Annotated[str, typer.Option("--backend", help="Where the NLP runs: local (this process), processes (local pool), dask (cluster).")]
Workers = Annotated[int, typer.Option("--workers", "-w", min=1, help="Worker processes for the processes/dask backends.")]
Scheduler = Annotated[Optional[str], typer.Option("--scheduler", help="Address of a running Dask scheduler (tcp://host:8786); default: a local cluster.")]
NoCache = Annotated[bool, typer.Option("--no-cache", help="Recompute every document even if its cached results are still valid.")]
HtmlFavour = Annotated[str, typer.Option("--html-favour", help="HTML pages: main-text extractor favours precision (less page furniture) or recall (less article text lost).")]


def _progress(quiet: bool):
    def wrap(items, total, label):
        if quiet or total < 2:
            return items
        return _iterate_with_bar(items, total, label)

    return wrap


def _iterate_with_bar(items, total, label):
    with typer.progressbar(items, length=total, label=f"{label:>9}", file=sys.stderr) as bar:
        yield from bar


def _warn(message: str) -> None:
    typer.secho(f"warning: {message}", fg=typer.colors.YELLOW, err=True)


def _config(input_dir=Path("data/raw"), output=Path("data/processed"), interim=None, model=None,
            no_strip=False, phrases=None, max_bytes=runner.DEFAULT_MAX_BYTES, quiet=False, strict=False,
            excel_safe=False, backend="local", workers=1, scheduler=None, no_cache=False) -> runner.RunConfig:
    return runner.RunConfig(
        input_dir=input_dir,
        output_dir=output,
        interim_dir=interim,
        model=model,
        strip_boilerplate=not no_strip,
        boilerplate_phrases=tuple(phrases or ()),
        max_doc_bytes=max_bytes,
        progress=_progress(quiet),
        on_warning=_warn,
        strict=strict,
        excel_safe=excel_safe,
        backend=backend,
        workers=workers,
        scheduler=scheduler,
        use_cache=not no_cache,
    )


def _error(message: str, code: int = 1):
    typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)
    return typer.Exit(code)


def _interrupt_on_sigterm() -> None:
    # `kill` (SIGTERM) ends a run the way Ctrl-C does: staged files are dropped, outputs stay as they were.
    def handler(signum, frame):
        raise KeyboardInterrupt

    if threading.current_thread() is threading.main_thread():  # signal handlers can only be set there
        signal.signal(signal.SIGTERM, handler)


def _run(action, *args):
    """Run a stage; known problems become one clear message and exit code 1, Ctrl-C exit code 130.

    Every stage writes through a staging folder (pipeline/run/run_folder.py), so whatever ends it here,
    the previous outputs are unchanged.
    """
    _interrupt_on_sigterm()
    try:
        return action(*args)
    except KeyboardInterrupt:
        typer.secho("interrupted, previous outputs unchanged", fg=typer.colors.YELLOW, err=True)
        raise typer.Exit(INTERRUPTED_EXIT_CODE) from None
    except (runner.StageError, ModelNotFoundError, RunFolderError, SchemaError, FileNotFoundError, ValueError) as exc:
        raise _error(str(exc)) from None
    except OSError as exc:  # disk full, read-only or foreign folder, permissions
        folder = getattr(args[0], "output_dir", None) if args else None
        raise _error(f"{describe_os_error(exc, folder)}; previous outputs unchanged") from None


def _done(cfg: runner.RunConfig) -> None:
    typer.echo(f"wrote {cfg.output_dir}/ (see {cfg.output_dir / runner.MANIFEST_FILE})", err=True)


@app.command()
def extract(
    input_dir: InputDir = Path("data/raw"),
    output: OutputDir = Path("data/processed"),
    interim: InterimDir = None,
    model: ModelOpt = None,
    no_strip_boilerplate: NoStrip = False,
    boilerplate_phrases: Phrases = None,
    max_doc_bytes: MaxBytes = runner.DEFAULT_MAX_BYTES,
    quiet: Quiet = False,
    strict: Strict = False,
    excel_safe: ExcelSafe = False,
    backend: Backend = "local",
    workers: Workers = 1,
    scheduler: Scheduler = None,
    no_cache: NoCache = False,
    html_favour: HtmlFavour = "precision",
) -> None:
    """Run every stage: ingest, clean, parse, entities, claims, figures; write all tables.

    Exit code 0: everything processed; 1: error, nothing written; 3: partial run (some files skipped
    or documents failed, listed in errors.csv; the tables hold everything else).
    """
    cfg = _config(input_dir, output, interim, model, no_strip_boilerplate, boilerplate_phrases, max_doc_bytes, quiet, strict, excel_safe,
                  backend, workers, scheduler, no_cache)
    cfg.html_favour = html_favour
    summary = _run(runner.run_all, cfg)
    _done(cfg)
    if summary.partial:
        typer.secho(f"partial run: see {cfg.output_dir / 'errors.csv'}", fg=typer.colors.YELLOW, err=True)
        raise typer.Exit(PARTIAL_EXIT_CODE)


@app.command()
def ingest(
    input_dir: InputDir = Path("data/raw"),
    output: OutputDir = Path("data/processed"),
    interim: InterimDir = None,
    max_doc_bytes: MaxBytes = runner.DEFAULT_MAX_BYTES,
    strict: Strict = False,
    html_favour: HtmlFavour = "precision",
) -> None:
    """Decode the input files (encoding detection, newline normalisation) and assign document ids."""
    cfg = _config(input_dir, output, interim, max_bytes=max_doc_bytes, strict=strict)
    cfg.html_favour = html_favour
    _run(runner.run_ingest, cfg)
    _done(cfg)


@app.command()
def clean(
    output: OutputDir = Path("data/processed"),
    interim: InterimDir = None,
    no_strip_boilerplate: NoStrip = False,
    boilerplate_phrases: Phrases = None,
    quiet: Quiet = False,
    excel_safe: KeepExcelSafe = False,
) -> None:
    """Split documents into blocks and remove boilerplate (writes boilerplate.csv; the parse and later tables become stale and are removed)."""
    cfg = _config(output=output, interim=interim, no_strip=no_strip_boilerplate, phrases=boilerplate_phrases, quiet=quiet,
                  excel_safe=excel_safe)
    _run(runner.run_clean, cfg)
    _done(cfg)


@app.command()
def parse(
    output: OutputDir = Path("data/processed"),
    interim: InterimDir = None,
    model: ModelOpt = None,
    quiet: Quiet = False,
    backend: Backend = "local",
    workers: Workers = 1,
    scheduler: Scheduler = None,
    no_cache: NoCache = False,
    excel_safe: KeepExcelSafe = False,
) -> None:
    """Run the statistical spaCy pipeline over the cleaned texts (writes documents.csv; the extraction tables become stale and are removed)."""
    cfg = _config(output=output, interim=interim, model=model, quiet=quiet, backend=backend, workers=workers, scheduler=scheduler,
                  no_cache=no_cache, excel_safe=excel_safe)
    _run(runner.run_parse, cfg)
    _done(cfg)


def _extraction_command(stage: str, doc: str):
    def command(
        output: OutputDir = Path("data/processed"),
        interim: InterimDir = None,
        quiet: Quiet = False,
        no_cache: NoCache = False,
        excel_safe: KeepExcelSafe = False,
    ) -> None:
        cfg = _config(output=output, interim=interim, quiet=quiet, no_cache=no_cache, excel_safe=excel_safe)
        _run(runner.run_extraction_stage, cfg, stage)
        _done(cfg)

    command.__doc__ = doc
    return command


app.command("entities")(_extraction_command("entities", "People, organisations and other entities (mentions.csv, entities.csv) from the saved parse."))
app.command("claims")(_extraction_command("claims", "Attributed claims (claims.csv) from the saved parse."))
app.command("figures")(_extraction_command("figures", "Figures linked to claims (figures.csv) from the saved parse."))


@app.command()
def schema(markdown: Annotated[bool, typer.Option("--markdown", help="Print README-ready markdown tables.")] = True) -> None:
    """Print the columns of every output table."""
    from pipeline.output.schema import TABLES, markdown_table

    typer.echo("\n\n".join(markdown_table(t) for t in TABLES.values()))


# --------------------------------------------------------------------------- evaluations

CorpusOpt = Annotated[Optional[Path], typer.Option("--corpus", help="Evaluation data (default: the project's own set in eval/).")]


def _evaluation(name: str, doc: str):
    def command(corpus: CorpusOpt = None) -> None:
        import importlib

        module = importlib.import_module(f"pipeline.evaluation.{name}")
        try:
            typer.echo(module.report(corpus))
        except (FileNotFoundError, ValueError) as exc:
            typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
            raise typer.Exit(1) from None

    command.__doc__ = doc
    return command


evaluate_app.command("boilerplate")(_evaluation("boilerplate", "Precision/recall per class of boilerplate removal on eval/boilerplate_snippets.jsonl."))
evaluate_app.command("figures")(_evaluation("figures", "Exact-match accuracy of value, unit and qualifier on eval/figures_table.tsv."))
evaluate_app.command("entities")(_evaluation("entities", "Entity and role-attachment precision/recall on eval/entities_gold.jsonl."))
evaluate_app.command("html")(_evaluation("html", "Article text kept and junk removed on real German HTML pages (eval/html_pages.tsv), vs. trafilatura alone."))


@evaluate_app.command("claims-news")
def evaluate_claims_news(
    corpus: CorpusOpt = None,
    split: Annotated[str, typer.Option("--split", help="dev, test (held out, looked at), test2 (unseen pages of the first round, eval/claims_news_test2.jsonl, now looked at), test3 (unseen pages of the second round, eval/claims_news_test3.jsonl, now looked at), test4 (unseen pages collected before the third round, eval/claims_news_test4.jsonl, now looked at), test5 (unseen pages collected before the fifth round, eval/claims_news_test5.jsonl), test6 (unseen pages collected before the sixth round, eval/claims_news_test6.jsonl), test7 (unseen pages collected after test6 was measured, eval/claims_news_test7.jsonl), test8 (unseen pages collected after test7 was measured, eval/claims_news_test8.jsonl), test9 (unseen pages collected during the tenth round, eval/claims_news_test9.jsonl), test10 (unseen pages collected after test9 was measured, eval/claims_news_test10.jsonl), test11 (unseen pages collected after test10 was measured, eval/claims_news_test11.jsonl), test12 (unseen pages collected on 2026-12-07/08, eval/claims_news_test12.jsonl), test13 (unseen pages collected on 2026-12-08, eval/claims_news_test13.jsonl, waiting for its single measurement), all (dev + test) or development (every measured part, one line each, then together; not the parts waiting for their single measurement).")] = "dev",
    errors: Annotated[bool, typer.Option("--errors/--no-errors", help="List every error.")] = True,
) -> None:
    """Found / right speaker / right form / precision of claims on real news (eval/claims_news.jsonl)."""
    from pipeline.evaluation import news

    try:
        typer.echo(news.report(corpus, split=split, show_errors=errors))
    except (FileNotFoundError, ValueError) as exc:
        typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
        raise typer.Exit(1) from None


# --------------------------------------------------------------------------- SpkAtt-2023 adapter

spkatt_app = typer.Typer(no_args_is_help=True, help="SpkAtt-2023 news speaker attribution: predict and score.")
app.add_typer(spkatt_app, name="spkatt")


@spkatt_app.command("predict")
def spkatt_predict(
    in_dir: Annotated[Path, typer.Argument(help="Directory of SpkAtt JSON files (tokenised sentences).")],
    out_dir: Annotated[Path, typer.Argument(help="Directory for predicted JSON files (same names).")],
    model: ModelOpt = None,
    quiet: Quiet = False,
    strict: Strict = False,
) -> None:
    """Run the claim stage on pre-tokenised SpkAtt documents and write predictions in the same format."""
    from pipeline.evaluation import spkatt

    cfg = _config(model=model, quiet=quiet, strict=strict)
    summary = _run(spkatt.predict_dir, in_dir, out_dir, cfg)
    if summary.failed:  # invalid or failing files were left out: a partial run, like extract
        raise typer.Exit(PARTIAL_EXIT_CODE)


@spkatt_app.command("score")
def spkatt_score(
    gold_dir: Annotated[Path, typer.Argument(help="Directory of gold SpkAtt JSON files.")],
    pred_dir: Annotated[Path, typer.Argument(help="Directory of predicted JSON files (same names).")],
    worst: Annotated[int, typer.Option(help="How many of the worst documents to list.")] = 10,
) -> None:
    """Messages, Roles and Joint precision/recall/F1 as in the shared task, per-form recall, worst documents."""
    from pipeline.evaluation import spkatt

    _run(lambda: typer.echo(spkatt.score_report(gold_dir, pred_dir, worst=worst)))


# --------------------------------------------------------------------------- audit

audit_app = typer.Typer(help="Speaker-attribution audit: HTML report + audit.csv, and scoring of reviewed verdicts.")
app.add_typer(audit_app, name="audit")


@audit_app.callback(invoke_without_command=True)
def audit(
    ctx: typer.Context,
    output: OutputDir = Path("data/processed"),
    sample: Annotated[Optional[int], typer.Option("--sample", help="Report only a stratified random sample of N claims.")] = None,
    by: Annotated[Optional[str], typer.Option("--by", help="Strata of the sample: form, confidence or speaker.")] = None,
    seed: Annotated[int, typer.Option("--seed", help="Random seed of the sample (same seed, same sample).")] = 0,
    delimiter: Annotated[str, typer.Option("--delimiter", help="Cell separator of audit.csv: ',' or ';' (German Excel).")] = ",",
    verdicts: Annotated[Optional[Path], typer.Option("--verdicts", help="Verdicts exported from audit.html to carry over.")] = None,
) -> None:
    """Write audit.html and audit.csv next to the tables (run `extract` first)."""
    if ctx.invoked_subcommand is not None:
        return
    from pipeline import audit as audit_module

    def write_locked() -> str:
        # The report reads the tables of a run: no run may switch them while it does.
        from pipeline.run.run_folder import FolderLock

        lock = FolderLock(output).acquire() if output.is_dir() else None
        try:
            return audit_module.write_audit(output, sample=sample, by=by, seed=seed, delimiter=delimiter, verdicts=verdicts)
        finally:
            if lock is not None:
                lock.release()

    _run(lambda: typer.echo(write_locked()))


@audit_app.command("score")
def audit_score(csv_path: Annotated[Path, typer.Argument(help="audit.csv with the verdict column filled in.")]) -> None:
    """Attribution accuracy from reviewers' verdicts."""
    from pipeline.evaluation import audit as audit_scoring

    _run(lambda: typer.echo(audit_scoring.score_report(csv_path)))


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    app()


if __name__ == "__main__":
    main()
