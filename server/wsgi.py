"""The WSGI entry point for servers that run several web processes (gunicorn: ``server.wsgi:app``).

Once the app is loaded, everything it holds (modules, the app, the bank, SQLAlchemy's metadata: some 300,000
objects) is moved out of the cyclic collector's reach (``gc.freeze``). Each full collection walked them all,
60-140 ms during which a gevent web process answers nobody: the page and autosave requests' p99 under load.
"""

import gc

from server.app import create_app

app = create_app()
gc.collect()  # the start-up's garbage is freed, not frozen for good
gc.freeze()
