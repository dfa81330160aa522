"""What a run writes and how it is read back: schema, rows and atomic files, typed tables, corpus tables.

``schema``  every output table's columns, dtypes, keys and descriptions (the single source of truth)
``export``  records -> rows -> CSV/JSON cells, written atomically (the one atomic writer)
``tables``  the tables read back as typed DataFrames, checked, joined (public as ``pipeline.load``)
``corpus``  cross-document tables: speakers and quote clusters
"""
