"""Stage 1, ingest: input files -> documents with exact raw text and stable ids.

``files``     discover and read input files, binary sniffing, size limits, document ids
``decoding``  bytes -> text: encoding detection and newline normalisation
``html``      saved HTML pages: visible text, page metadata, trafilatura's main-text decision
``language``  German or not (only German is mined for claims)
"""
