"""The reportlab PDF backend: fonts, kinsoku text flowables, tables and page templates."""
