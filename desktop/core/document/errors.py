"""The errors the document engine raises for input it cannot or will not handle.

``str(error)`` is always a complete Dutch sentence (translated through :func:`desktop.core.i18n._`)
that the user interface shows as it is; the CLI prints it on stderr. The technical cause, if any,
is chained as ``__cause__`` and kept in :attr:`DocumentError.detail` for logs.
"""

from __future__ import annotations

from pathlib import Path

from desktop.core.i18n import _


class DocumentError(Exception):
    """A document could not be opened or saved; the message is for the user."""

    def __init__(self, message: str, *, path: Path | None = None, detail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.detail = detail


class UnreadableDocumentError(DocumentError):
    """The file does not exist or cannot be read."""

    @classmethod
    def for_path(cls, path: Path, detail: str) -> UnreadableDocumentError:
        """The error for a file that could not be read."""
        return cls(
            _("Het bestand {name} bestaat niet of kan niet worden gelezen.").format(name=path.name),
            path=path,
            detail=detail,
        )


class NotDocxError(DocumentError):
    """The file is not a Word document in .docx format (a .doc, .rtf, .odt, a template, ...)."""


class EncryptedDocumentError(DocumentError):
    """The document is protected with a password (an encrypted OLE container)."""

    @classmethod
    def for_path(cls, path: Path) -> EncryptedDocumentError:
        """The error for an encrypted document."""
        return cls(
            _(
                "Het document {name} is met een wachtwoord beveiligd. Verwijder in Word de beveiliging "
                "(Bestand > Info > Document beveiligen) en open het daarna opnieuw."
            ).format(name=path.name),
            path=path,
        )


class StrictOoxmlError(DocumentError):
    """The document is saved as ISO/IEC 29500 Strict Open XML, which the engine cannot write."""

    @classmethod
    def for_path(cls, path: Path) -> StrictOoxmlError:
        """The error for a Strict Open XML document."""
        return cls(
            _(
                "Het document {name} is opgeslagen als 'Strict Open XML'. Sla het in Word op als "
                "gewoon Word-document (.docx) en open het daarna opnieuw."
            ).format(name=path.name),
            path=path,
        )


class MacroDocumentError(DocumentError):
    """The document contains macros (.docm or a VBA project); macros are never run or written."""

    @classmethod
    def for_path(cls, path: Path) -> MacroDocumentError:
        """The error for a document with macros."""
        return cls(
            _(
                "Het document {name} bevat macro's. Schrijfhulp opent geen documenten met macro's; "
                "sla het in Word op als Word-document zonder macro's (.docx)."
            ).format(name=path.name),
            path=path,
        )


class CorruptDocumentError(DocumentError):
    """The file claims to be a .docx but its package or XML is damaged."""

    @classmethod
    def for_path(cls, path: Path, detail: str) -> CorruptDocumentError:
        """The error for a damaged document."""
        return cls(
            _(
                "Het document {name} is beschadigd en kan niet worden gelezen. Open het in Word en "
                "sla het opnieuw op; lukt dat niet, gebruik dan een eerdere versie."
            ).format(name=path.name),
            path=path,
            detail=detail,
        )


class TooLargeDocumentError(DocumentError):
    """The document is larger than the engine's limits."""

    @classmethod
    def for_path(cls, path: Path, detail: str) -> TooLargeDocumentError:
        """The error for a document over the size limits."""
        return cls(
            _(
                "Het document {name} is te groot om veilig te verwerken. Splits het in kleinere "
                "documenten of verwijder grote afbeeldingen."
            ).format(name=path.name),
            path=path,
            detail=detail,
        )


class UnsafeDocumentError(DocumentError):
    """The package is built to harm a reader: a zip bomb, XML entity tricks, odd part names."""

    @classmethod
    def for_path(cls, path: Path, detail: str) -> UnsafeDocumentError:
        """The error for a document built to harm its reader."""
        return cls(
            _(
                "Het document {name} is op een ongebruikelijke manier opgebouwd die misbruikt kan "
                "worden en wordt daarom niet geopend."
            ).format(name=path.name),
            path=path,
            detail=detail,
        )


class SourceChangedError(DocumentError):
    """The original changed on disk (or disappeared) after it was opened; saving is refused."""

    @classmethod
    def for_path(cls, path: Path) -> SourceChangedError:
        """The error for a source that changed since it was opened."""
        return cls(
            _(
                "Het document {name} is gewijzigd of verplaatst nadat Schrijfhulp het opende "
                "(misschien in Word). Er is niets opgeslagen. Open het document opnieuw en "
                "beoordeel de suggesties nog eens."
            ).format(name=path.name),
            path=path,
        )


class SaveRefusedError(DocumentError):
    """The chosen target is not allowed (the original, a non-.docx name, a folder)."""


class SaveFailedError(DocumentError):
    """Writing the new document failed; the original and any existing target are unchanged."""

    @classmethod
    def for_path(cls, path: Path, detail: str) -> SaveFailedError:
        """The error for a failed write."""
        return cls(
            _(
                "Het opslaan van {name} is mislukt; er is niets overschreven. Controleer of de map "
                "bestaat, of er genoeg ruimte is en of u er mag schrijven."
            ).format(name=path.name),
            path=path,
            detail=detail,
        )
