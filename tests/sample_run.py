"""One end-to-end run over copies of the two sample texts, shared by the schema, notebook and
browser tests so the (model-dependent) parse runs once per test session, not once per module.
Each test module copies the outputs into its own tmp dir, so no test can change another's input.
"""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from pathlib import Path

from pipeline.run import runner
from tests.conftest import SAMPLES


@functools.lru_cache(maxsize=1)
def sample_outputs() -> Path:
    """``data/processed`` of a full run (ingest .. figures) over the samples, in a private tmp dir."""
    base = Path(tempfile.mkdtemp(prefix="claimgraph-samples-"))
    atexit.register(shutil.rmtree, base, ignore_errors=True)
    shutil.copytree(SAMPLES, base / "raw")
    cfg = runner.RunConfig(input_dir=base / "raw", output_dir=base / "processed", interim_dir=base / "interim", on_warning=lambda m: None)
    runner.run_all(cfg)
    return cfg.output_dir


def copy_outputs(target: Path) -> Path:
    """A fresh copy of the sample run's output directory at ``target``."""
    shutil.copytree(sample_outputs(), target)
    return target
