"""The WSGI entry point for servers that run several web processes (gunicorn: ``server.wsgi:app``)."""

from server.app import create_app

app = create_app()
