"""claimgraph-de: German texts -> tidy, auditable tables of who claimed what, with which figures."""

__version__ = "0.1.0"
