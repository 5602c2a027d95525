"""Shared layout components: model parts → backend-neutral specs (pt, CMYK, text runs).

Nothing here imports a backend; the PDF and PPTX backends render the same specs.
"""
