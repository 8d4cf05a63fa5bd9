def sessionize(events, gap):
    """Bug: starts a new session when the difference equals gap (uses >= instead of >)."""
    if gap < 0:
        raise ValueError("gap must be >= 0")
    by_user = {}
    for user, timestamp in events:
        by_user.setdefault(user, []).append(timestamp)
    sessions = []
    for user, times in by_user.items():
        times.sort()
        start = end = times[0]
        count = 0
        for timestamp in times:
            if count and timestamp - end >= gap:
                sessions.append([user, start, end, count])
                start, count = timestamp, 0
            end = timestamp
            count += 1
        sessions.append([user, start, end, count])
    sessions.sort(key=lambda s: (s[1], s[0]))
    return sessions
