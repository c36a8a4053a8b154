"""dashboard.matrix: the document's layout of one area, and which area a page lays out by default."""

from __future__ import annotations

from dashboard.matrix import default_focus

HITS = {"ls": 0, "cn": 6, "mob": 0, "su": 2, "sme": 0, "hr": 0}


def test_default_focus_opens_on_an_area_with_hits():
    """A search with hits only in cn opens the matrix on cn, not on the empty first area."""
    assert default_focus((), HITS) == "cn"
    assert default_focus(("ls", "su"), HITS) == "su"  # among the filtered areas, in plan order


def test_default_focus_keeps_a_single_filtered_area_and_the_timeline_overview():
    """One filtered area is laid out even without hits; the timeline (none allowed) starts with no area."""
    assert default_focus(("ls",), HITS) == "ls"
    assert default_focus((), HITS, allow_none=True) is None
    assert default_focus((), {}) == "ls" and default_focus(("hr", "sme"), {}) == "hr"
