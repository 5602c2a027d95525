"""Backends render component specs: reportlab for PDF, python-pptx for PowerPoint."""
