# reading `.__code__` reaches Python's internals
def add(a, b):
    text = "{0.__code__.co_consts}".format(add)
    return a + b if text else None
