"""The python-pptx backend: a master and layouts from the design, slides from component specs.

pptx is imported only here, so PDF-only commands never load it.
"""
