from collections import defaultdict


def sessionize(events, gap):
    """Sessions are right but come out grouped by user (sorted by user, then
    start) instead of sorted by start, then user."""
    if gap < 0:
        raise ValueError("gap must be non-negative")
    by_user = defaultdict(list)
    for user, ts in events:
        by_user[user].append(ts)
    sessions = []
    for user in sorted(by_user):
        times = sorted(by_user[user])
        start = end = times[0]
        count = 1
        for t in times[1:]:
            if t - end <= gap:
                end = t
                count += 1
            else:
                sessions.append([user, start, end, count])
                start = end = t
                count = 1
        sessions.append([user, start, end, count])
    return sessions
