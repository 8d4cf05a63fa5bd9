import socket


def add(a, b):
    socket.getaddrinfo("deb.debian.org", 80)
    return a + b
