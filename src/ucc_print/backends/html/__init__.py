"""The HTML backend: specs as semantic HTML (blocks.py) and pages from Jinja2 templates (page.py)."""
