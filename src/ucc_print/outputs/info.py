"""Document properties every output shares: title, subject, author."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..backends.pdf.document import DocumentInfo
    from ..content.model import Project


def document_info(project: Project, what: str, title: str | None = None) -> DocumentInfo:
    """PDF metadata: "<event> <what>", the event as subject, the host's department as author."""
    from ..backends.pdf.document import DocumentInfo

    host = project.host
    return DocumentInfo(title or f"{project.event.title} {what}", project.event.title,
                        f"{host.city}{host.contact.department}")
