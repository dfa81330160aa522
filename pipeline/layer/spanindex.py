"""Find the records (mentions, names ...) that overlap a character range without scanning them all.

The claim and speaker stages ask "which mentions overlap this span?" once per claim; a scan of every
mention of the document each time is quadratic in the length of a long document. The index is built
once per list (kept for the few most recent lists, keyed by identity and length) and gives the same
records in the same order as the scan.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from typing import Any

_RECENT = 4
_indexes: dict[int, tuple[Sequence[Any], int, list[int], list[int], int]] = {}


def overlapping(records: Sequence[Any], start_char: int, end_char: int) -> list[Any]:
    """``[r for r in records if r.start_char < end_char and start_char < r.end_char]``, in O(log n + hits)."""
    entry = _indexes.get(id(records))
    if entry is None or entry[0] is not records or entry[1] != len(records):
        order = sorted(range(len(records)), key=lambda k: records[k].start_char)
        starts = [records[k].start_char for k in order]
        longest = max((r.end_char - r.start_char for r in records), default=0)
        entry = (records, len(records), order, starts, longest)
        if len(_indexes) >= _RECENT:
            _indexes.pop(next(iter(_indexes)))
        _indexes[id(records)] = entry
    _, _, order, starts, longest = entry
    first, last = bisect_left(starts, start_char - longest), bisect_left(starts, end_char)
    hits = sorted(k for k in order[first:last] if start_char < records[k].end_char)
    return [records[k] for k in hits]
