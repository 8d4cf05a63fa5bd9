def sessionize(events: list[list], gap: int) -> list[list]:
    """Split each user's click events into sessions.

    A session is a maximal run of one user's events, in timestamp order, in
    which consecutive timestamps differ by at most `gap`; duplicate events
    all count. Returns [user, start, end, count] for every session, sorted by
    (start, user).

    The events are grouped by user in a dict, each user's timestamps are
    sorted, and one sweep per user closes a session whenever the next
    timestamp is more than `gap` after the previous one. A final sort orders
    the sessions. O(n log n) time, O(n) memory.
    """
    if gap < 0:
        raise ValueError("gap must be non-negative")
    by_user = {}
    for user, timestamp in events:
        times = by_user.get(user)
        if times is None:
            by_user[user] = [timestamp]
        else:
            times.append(timestamp)
    sessions = []
    for user, times in by_user.items():
        times.sort()
        start = end = times[0]
        count = 0
        for timestamp in times:
            if timestamp - end > gap:
                sessions.append([user, start, end, count])
                start, count = timestamp, 0
            end = timestamp
            count += 1
        sessions.append([user, start, end, count])
    sessions.sort(key=lambda session: (session[1], session[0]))
    return sessions
