"""Command line of claimgraph-de. Thin: parses options and calls ``pipeline``.

    python cli.py extract            # all stages over data/raw -> data/processed
    python cli.py claims             # re-run one stage over the saved output of the previous one
    python cli.py --help
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from pipeline import runner
from pipeline.model import ModelNotFoundError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Extract attributed claims, speakers and figures from German texts into tidy CSV tables.",
)
evaluate_app = typer.Typer(no_args_is_help=True, help="Accuracy evaluations that print numbers.")
app.add_typer(evaluate_app, name="evaluate")

InputDir = Annotated[Path, typer.Option("--input", "-i", help="Directory with .txt/.md files (searched recursively).")]
OutputDir = Annotated[Path, typer.Option("--output", "-o", help="Directory for the CSV tables and manifest.json.")]
InterimDir = Annotated[Path, typer.Option("--interim", help="Directory for intermediate stage outputs.")]
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


def _config(input_dir=Path("data/raw"), output=Path("data/processed"), interim=Path("data/interim"), model=None,
            no_strip=False, phrases=None, max_bytes=runner.DEFAULT_MAX_BYTES, quiet=False) -> runner.RunConfig:
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
    )


def _run(action, *args) -> None:
    """Run a stage; known problems become one clear message and exit code 1."""
    try:
        action(*args)
    except (runner.StageError, ModelNotFoundError, FileNotFoundError, ValueError) as exc:
        typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
        raise typer.Exit(1) from None


def _done(cfg: runner.RunConfig) -> None:
    typer.echo(f"wrote {cfg.output_dir}/ (see {cfg.output_dir / runner.MANIFEST_FILE})", err=True)


@app.command()
def extract(
    input_dir: InputDir = Path("data/raw"),
    output: OutputDir = Path("data/processed"),
    interim: InterimDir = Path("data/interim"),
    model: ModelOpt = None,
    no_strip_boilerplate: NoStrip = False,
    boilerplate_phrases: Phrases = None,
    max_doc_bytes: MaxBytes = runner.DEFAULT_MAX_BYTES,
    quiet: Quiet = False,
) -> None:
    """Run every stage: ingest, clean, parse, entities, claims, figures; write all tables."""
    cfg = _config(input_dir, output, interim, model, no_strip_boilerplate, boilerplate_phrases, max_doc_bytes, quiet)
    _run(runner.run_all, cfg)
    _done(cfg)


@app.command()
def ingest(
    input_dir: InputDir = Path("data/raw"),
    output: OutputDir = Path("data/processed"),
    interim: InterimDir = Path("data/interim"),
    max_doc_bytes: MaxBytes = runner.DEFAULT_MAX_BYTES,
) -> None:
    """Decode the input files (encoding detection, newline normalisation) and assign document ids."""
    cfg = _config(input_dir, output, interim, max_bytes=max_doc_bytes)
    _run(runner.run_ingest, cfg)
    _done(cfg)


@app.command()
def clean(
    output: OutputDir = Path("data/processed"),
    interim: InterimDir = Path("data/interim"),
    no_strip_boilerplate: NoStrip = False,
    boilerplate_phrases: Phrases = None,
    quiet: Quiet = False,
) -> None:
    """Split documents into blocks and remove boilerplate (writes boilerplate.csv)."""
    cfg = _config(output=output, interim=interim, no_strip=no_strip_boilerplate, phrases=boilerplate_phrases, quiet=quiet)
    _run(runner.run_clean, cfg)
    _done(cfg)


@app.command()
def parse(
    output: OutputDir = Path("data/processed"),
    interim: InterimDir = Path("data/interim"),
    model: ModelOpt = None,
    quiet: Quiet = False,
) -> None:
    """Run the statistical spaCy pipeline over the cleaned texts (writes documents.csv)."""
    cfg = _config(output=output, interim=interim, model=model, quiet=quiet)
    _run(runner.run_parse, cfg)
    _done(cfg)


def _extraction_command(stage: str, doc: str):
    def command(
        output: OutputDir = Path("data/processed"),
        interim: InterimDir = Path("data/interim"),
        quiet: Quiet = False,
    ) -> None:
        cfg = _config(output=output, interim=interim, quiet=quiet)
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
    from pipeline.schema import TABLES, markdown_table

    typer.echo("\n\n".join(markdown_table(t) for t in TABLES.values()))


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    app()


if __name__ == "__main__":
    main()
