"""The statistical pipeline: which spaCy model runs, its tokenizer adjustments, and running it in bounded pieces.

``model``            resolves ``--model``/``CLAIMGRAPH_MODEL``/default, loads it, records what was used
``tokenizer_rules``  markdown links and single guillemets for real news input
``segments``         long documents parsed in bounded pieces so memory and time stay linear
"""
