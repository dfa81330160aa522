"""claimgraph-de: German texts -> tidy, auditable tables of who claimed what, with which figures."""

__version__ = "0.1.0"


def load(*args, **kwargs):
    """All output tables as typed DataFrames: ``load("data/processed").claims`` (see ``pipeline.load``).

    Imported lazily so that ``import pipeline`` (the CLI, the spaCy components) does not pay for pandas.
    """
    from .output.tables import load as load_tables

    return load_tables(*args, **kwargs)
