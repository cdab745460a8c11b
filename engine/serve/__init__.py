"""``subsidie serve``: the HTTP JSON API and the web page, a plain WSGI application served by waitress.

:mod:`~engine.serve.app` is the WSGI application (routes, limits, static files of ``web/``;
any WSGI server can run it); :mod:`~engine.serve.server` runs it on waitress with bounded
threads, connections, headers, bodies and a total deadline per request;
:mod:`~engine.serve.api` does what the API does apart from HTTP (read a posted profile
exactly as ``evaluate`` reads a file, evaluate it, write it as YAML, list the measures);
:mod:`~engine.serve.openapi` describes the API in OpenAPI 3.1. The page itself
(``web/index.html``, ``app.js``, ``style.css``, ``icon.svg``) ships in the wheel.
"""
