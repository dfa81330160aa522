"""The shared document layer: what every stage reads, computed once per Doc.

``extensions``  the ``doc._`` attributes the stages exchange (registered once, here)
``syntax``      one adapter from dependency labels (TIGER | UD) to grammatical roles
``quotes``      quotation spans
"""
