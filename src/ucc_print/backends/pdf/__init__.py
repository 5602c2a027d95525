"""The reportlab PDF backend: fonts, shapes drawn on a canvas, documents of laid-out pages, slides and cards."""
