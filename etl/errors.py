"""The errors that stop a load before anything is committed (the message says why)."""


class LoadError(Exception):
    """The load cannot go on (unreadable file, unrecognisable sheet, database error)."""


class CommuneNeeded(LoadError):
    """Decidim results files were given without the commune their results belong to."""
