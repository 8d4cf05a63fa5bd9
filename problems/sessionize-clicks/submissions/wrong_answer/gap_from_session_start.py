from collections import defaultdict


def sessionize(events, gap):
    """Bug: measures the gap from the session's first event instead of the previous event."""
    if gap < 0:
        raise ValueError("gap must be >= 0")
    by_user = defaultdict(list)
    for user, timestamp in events:
        by_user[user].append(timestamp)
    sessions = []
    for user, times in by_user.items():
        times.sort()
        session = [user, times[0], times[0], 0]
        for timestamp in times:
            if timestamp - session[1] > gap:
                sessions.append(session)
                session = [user, timestamp, timestamp, 0]
            session[2] = timestamp
            session[3] += 1
        sessions.append(session)
    sessions.sort(key=lambda s: (s[1], s[0]))
    return sessions
