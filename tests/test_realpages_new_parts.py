"""Rounds 10, 11 and 12 of the real-page corpus (eval/realpages/round10_a.txt, round11_a.txt, round12_a.txt): parts
collected on 2026-12-04 by helpers who do not develop the clean stage (round 11: 55 pages, the collection was cut off
short of the 70 asked for; round 12: collected in the evening, held out until the lead measured it once after the
tenth round, development data since the eleventh; round 13: collected 2026-12-05, measured once by the lead, development
data since the twelfth round), and the held-out rounds 14 (collected 2026-12-07, round14_a.txt) and 15 (collected
2026-12-08, round15_a.txt), each from sites in no other part. These tests only load the files; no clean-stage decision or score of a part is computed here (the lead
measures a held-out part once)."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from pipeline.evaluation import boilerplate as bp_eval

# public suffixes with two labels that occur among the corpus's hosts (gv.at, co.at, bz.it ...); a registered domain is
# the last label before such a suffix, or the last two labels otherwise
TWO_LABEL_SUFFIXES = {"co.at", "or.at", "gv.at", "ac.at", "co.uk", "com.au", "bz.it", "co.za"}
# part -> (page-id prefix, minimum pages)
# the day each part was collected (its header must say so)
COLLECTED_ON = {"round10": "2026-12-04", "round11": "2026-12-04", "round12": "2026-12-04", "round13": "2026-12-05",
                "round14": "2026-12-07", "round15": "2026-12-08"}
PARTS = {"round10": ("r10", 70), "round11": ("r11", 50), "round12": ("r12", 60), "round13": ("r13", 70),
         "round14": ("r14", 70), "round15": ("r15", 60)}


def _host(page) -> str:
    return (urlparse(page.url).hostname or "").lower().removeprefix("www.")


def _registered(host: str) -> str:
    labels = host.lower().removeprefix("www.").split(".")
    return ".".join(labels[-3:] if ".".join(labels[-2:]) in TWO_LABEL_SUFFIXES else labels[-2:])


def _split(part: str):
    """The part's pages and all other pages, as the corpus loader reads them (it must read the part's file)."""
    loaded = bp_eval.load_pages()
    pages = [p for p in loaded if p.split == part]
    assert pages, f"{part} is a corpus part, so load_pages() must read eval/realpages/{part}_*.txt"
    assert part in bp_eval.HELDOUT_PARTS + bp_eval.DEVELOPMENT_PARTS
    if part in bp_eval.HELDOUT_PARTS:
        # a held-out part must never be development data before the lead measured it
        from pipeline.boilerplate import train

        assert part not in bp_eval.DEVELOPMENT_PARTS and part not in train.DEV_PARTS
    else:
        # a development part (measured once, then looked at) is one the training command fits on
        from pipeline.boilerplate import train

        assert part in train.DEV_PARTS
    return pages, [p for p in loaded if p.split != part]


@pytest.mark.parametrize("part", sorted(PARTS))
def test_part_loads_with_the_corpus_loader(part):
    prefix, minimum = PARTS[part]
    pages, _ = _split(part)
    assert len(pages) >= minimum
    assert all(p.id.startswith(prefix) for p in pages)
    # every page has article content, every label is one of the corpus's, and the part has junk of several categories
    assert all(any(label == "content" for label, _ in p.blocks) for p in pages)
    labels = [label for p in pages for label, _ in p.blocks]
    assert set(labels) <= set(bp_eval.REAL_LABELS)
    junk = [label for label in labels if label != "content"]
    assert len(junk) >= 50 and len(set(junk)) >= 5
    assert len({p.kind for p in pages}) >= 30


@pytest.mark.parametrize("part", sorted(PARTS))
def test_part_sites_occur_in_no_other_part(part):
    prefix, _ = PARTS[part]
    pages, others = _split(part)
    assert others and not any(p.id.startswith(prefix) for p in others)
    other_hosts = {p.site.lower().removeprefix("www.") for p in others} | {_host(p) for p in others}
    other_hosts.discard("")
    other_domains = {_registered(h) for h in other_hosts}
    for p in pages:
        for host in {p.site.lower().removeprefix("www."), _host(p)}:
            assert host not in other_hosts, f"{p.id}: {host} is in another part"
            assert _registered(host) not in other_domains, f"{p.id}: {_registered(host)} is in another part"
    # one page per site: hosts and registered domains are unique within the part
    domains = [_registered(_host(p)) for p in pages]
    assert len(set(domains)) == len(domains)
    assert all(_registered(p.site) == _registered(_host(p)) for p in pages)


@pytest.mark.parametrize("part", sorted(PARTS))
def test_part_header_says_how_it_was_collected(part):
    path = bp_eval.REALPAGES_DIR / f"{part}_a.txt"
    header = "".join(line for line in path.read_text(encoding="utf-8").splitlines(True) if line.startswith("#"))
    assert "the clean stage was never run on these pages" in header.lower().replace("\n# ", " ")
    assert COLLECTED_ON[part] in header and ".example" in header
