"""The progress errors: one family, each with `message(lang)` for the user (like `load.LoadError`).

ProgressError
├── DatabaseError          the database cannot be used; the plan dashboard goes on without progress
│   ├── DatabaseMissing    (no file, and not asked to create one)
│   ├── DatabaseLocked     (another process holds the lock past the busy timeout)
│   ├── DatabaseCorrupt    (not a database, or damaged)
│   ├── DatabaseUnavailable (cannot connect / cannot create)
│   └── SchemaTooNew       (written by a newer version of this code)
├── WriteRefused           a write broke a rule (authorization, unknown id, bad value); nothing written
├── AccessRefused          a grant or revoke was refused (not an admin, bad role or organisation)
└── FileRejected           an import file cannot be used at all (type, size, encoding, columns)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import i18n


class ProgressError(Exception):
    """Progress cannot be read or written as asked; `message(lang)` says why."""

    key = "progress.error.unavailable"

    def __init__(self, **fields: object):
        self.fields = fields
        super().__init__(self.message("en"))

    def message(self, lang: str = "ja") -> str:
        return i18n.catalogue(lang)(self.key, **self.fields)


class DatabaseError(ProgressError):
    key = "progress.error.unavailable"

    def message(self, lang: str = "ja") -> str:
        t = i18n.catalogue(lang)
        return f"{t(self.key, **self.fields)} {t('progress.error.plan_still_works')}"


class DatabaseMissing(DatabaseError):
    key = "progress.error.missing"


class DatabaseLocked(DatabaseError):
    key = "progress.error.locked"


class DatabaseCorrupt(DatabaseError):
    key = "progress.error.corrupt"


class DatabaseUnavailable(DatabaseError):
    key = "progress.error.unavailable"


class SchemaTooNew(DatabaseError):
    key = "progress.error.schema_too_new"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: where (`ref`, e.g. 進捗!G5), and a message key with its fields."""

    ref: str
    key: str
    fields: dict = field(default_factory=dict)

    def message(self, lang: str = "ja") -> str:
        text = i18n.catalogue(lang)(self.key, **self.fields)
        return f"{self.ref}: {text}" if self.ref else text


class _WithProblems(ProgressError):
    def __init__(self, problems: list[Problem], **fields: object):
        self.problems = list(problems)
        super().__init__(n=len(self.problems), **fields)

    def message(self, lang: str = "ja") -> str:
        t = i18n.catalogue(lang)
        return "\n".join([t(self.key, **self.fields), *(p.message(lang) for p in self.problems)])


class WriteRefused(_WithProblems):
    key = "progress.error.refused"


class FileRejected(_WithProblems):
    key = "progress.error.file_rejected"


class AccessRefused(_WithProblems):
    key = "access.error.refused"
