"""Running the stages: orchestration, execution backends, the incremental cache and the run folder.

``runner``      the stages in order (ingest -> clean -> nlp -> entities -> claims -> figures -> tables), one
                run unit at a time, the stage commands of the CLI
``backends``    where the NLP work runs (this process, local worker processes, Dask), results in input order
``cache``       per-document parse and row cache keyed by what produced them
``run_folder``  one consistent output folder: lock, staging area, commit journal, all-or-nothing switch
"""
