class RateLimiter:
    """Per-client list of allowed timestamps plus a head index: entries before the head have expired."""

    def __init__(self, limit: int, window: float):
        if limit < 1 or window <= 0:
            raise ValueError("need limit >= 1 and window > 0")
        self.limit = limit
        self.window = window
        self.clients = {}   # client -> [timestamps, head, last call]

    def allow(self, client, timestamp):
        state = self.clients.get(client)
        if state is None:
            state = self.clients[client] = [[], 0, timestamp]
        if timestamp < state[2]:
            raise ValueError("timestamp went backwards for " + client)
        state[2] = timestamp
        times, head = state[0], state[1]
        while head < len(times) and timestamp - times[head] >= self.window:
            head += 1
        if head > 1024 and head * 2 > len(times):   # compact now and then
            del times[:head]
            head = 0
        state[1] = head
        if len(times) - head < self.limit:
            times.append(timestamp)
            return True
        return False
