"""Who writes: the user the write path is given (signed-in people through `access`, the command line as system)."""

from __future__ import annotations

from dataclasses import dataclass

ROLES = ("viewer", "editor", "admin", "system")  # signed-in people are one of the first three


@dataclass(frozen=True)
class User:
    """Who writes: a stable subject, a display name, a role and (for editors) their organisations."""

    subject: str
    name: str
    role: str = "viewer"
    organisations: frozenset[str] = frozenset()

    @classmethod
    def system(cls, name: str) -> User:
        """The command line's user (`--by NAME`): may write every organisation."""
        return cls(subject=f"cli:{name}", name=name, role="system")

    def may_write(self, organisation: str) -> bool:
        if self.role in ("system", "admin"):
            return True
        return self.role == "editor" and organisation in self.organisations
