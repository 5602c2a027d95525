"""ucc-print: print and slide publishing for UNESCO Creative Cities meetings, from one content source."""

__version__ = "0.1.0"
