"""`ucc-print serve`: a live preview in the browser, on 127.0.0.1 only.

The builder (builder.py) builds as `build --watch` does and keeps the state of the last build
(state.py): the files made, each PDF's pages as images (pages.py, rendered once per page) or the
content problems of this save. The server (server.py, the standard library's threading HTTP
server) serves a page of its own (static/), that state as JSON, a server-sent event at every
change, the images and the files of output/, and nothing else.
"""
