from typer.testing import CliRunner

from cli import app

runner = CliRunner()


def test_help_lists_the_stages():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("extract", "ingest", "clean", "parse", "entities", "claims", "figures"):
        assert command in result.output


def test_missing_input_directory_is_one_clear_error(tmp_path):
    result = runner.invoke(app, ["extract", "--input", str(tmp_path / "nope"), "--output", str(tmp_path / "o"), "--interim", str(tmp_path / "i")])
    assert result.exit_code == 1
    assert "input directory not found" in result.output


def test_unknown_model_is_one_clear_error(sample_dir, tmp_path):
    result = runner.invoke(
        app,
        ["extract", "--input", str(sample_dir), "--output", str(tmp_path / "o"), "--interim", str(tmp_path / "i"), "--model", "de_core_news_xyz", "-q"],
    )
    assert result.exit_code == 1
    assert "unknown model 'de_core_news_xyz'" in result.output
