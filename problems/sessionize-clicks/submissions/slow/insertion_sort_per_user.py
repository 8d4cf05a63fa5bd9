def sessionize(events, gap):
    """Correct but O(n^2): keeps each user's timestamps sorted by inserting one event at a time."""
    if gap < 0:
        raise ValueError("gap must be >= 0")
    by_user = {}
    for user, timestamp in events:
        times = by_user.setdefault(user, [])
        times.append(timestamp)
        i = len(times) - 1
        while i > 0 and times[i - 1] > timestamp:
            times[i] = times[i - 1]
            i -= 1
        times[i] = timestamp
    sessions = []
    for user, times in by_user.items():
        start = end = times[0]
        count = 0
        for timestamp in times:
            if timestamp - end > gap:
                sessions.append([user, start, end, count])
                start, count = timestamp, 0
            end = timestamp
            count += 1
        sessions.append([user, start, end, count])
    sessions.sort(key=lambda s: (s[1], s[0]))
    return sessions
