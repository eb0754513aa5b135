"""Why a database cannot be used, in words a store manager can act on."""


class DatabaseUnusable(Exception):
    """The database cannot be opened or written; the message says why and what to do."""


class NotAFluxionDatabase(DatabaseUnusable):
    pass


class DatabaseCorrupt(DatabaseUnusable):
    pass


class DatabaseTooNew(DatabaseUnusable):
    pass


class DatabaseLocked(DatabaseUnusable):
    pass
