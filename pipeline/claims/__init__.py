"""Stage package: attributed claims (who said what, in which form).

``extract``    the recognisers over the shared document layer and the ``Claim`` records
``reporting``  the reporting-verb, reporting-noun and "according to" lexicons (from ``pipeline/resources``)
``speakers``   from a speaker phrase to an entity of the entity stage, with honest evidence
``component``  the ``claimgraph_claims`` factory (needs ``claimgraph_entities``)
"""

from .extract import FORMS, Claim, extract_claims

__all__ = ["FORMS", "Claim", "extract_claims"]
