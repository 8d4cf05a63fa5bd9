"""Pages of a list whose rows are counted and sliced in SQL, for the staff pages."""

import math


def page_window(count: int, wanted: int, page_size: int) -> tuple[int, int]:
    """(how many pages, the page to show): ``wanted`` held between 1 and the last page, never 0 pages."""
    pages = max(1, math.ceil(count / page_size))
    return pages, min(max(1, wanted), pages)
