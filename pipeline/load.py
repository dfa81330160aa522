"""The output tables for notebooks: ``from pipeline import load; tables = load("data/processed")``.

The public reading API; the implementation is ``pipeline.output.tables`` (typed DataFrames, checks, joins).
"""

import sys
import types
from typing import Any

from .output import tables as _tables
from .output.tables import *  # noqa: F401,F403  the public API: load, check_tables, the join helpers
from .output.tables import SchemaError, Tables, load  # noqa: F401  (named for readers and linters)


# ``pipeline.load`` is both this module and the package-level function ``pipeline.load``. Importing
# the module rebinds the package attribute to the module, which would break ``from pipeline import
# load; load(path)`` in any process that also did ``from pipeline.load import ...``. A callable
# module keeps both spellings working whatever was imported first.
class _CallableModule(types.ModuleType):
    def __call__(self, *args: Any, **kwargs: Any) -> "_tables.Tables":
        return _tables.load(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
