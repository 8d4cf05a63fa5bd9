# reading `.__code__` reaches Python's internals
def add(a, b):
    match add:
        case object(__code__=code):
            return a + b if code else None
    return None
