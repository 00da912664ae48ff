"""The one error family: raised once where a thing goes wrong, rendered once by the CLI.

Every error a user can cause or meet derives from `WorkradarError`. The CLI
prints it as a single `error: <message>` line on stderr and exits with its
`exit_code`: 2 for a bad option, argument or configuration (`UsageError`),
1 for anything else that failed. Library callers catch the family, or the
older base a class also keeps (many are still `ValueError`s), as they like.
"""

from __future__ import annotations


class WorkradarError(Exception):
    """A failure the user should read as one line (exit code 1)."""

    exit_code = 1

    def format_message(self) -> str:
        """The message on one line: a multi-line message is joined with "; "."""
        lines = (line.strip() for line in str(self).splitlines())
        return "; ".join(line for line in lines if line) or type(self).__name__


class UsageError(WorkradarError):
    """A bad option, argument or configuration (exit code 2)."""

    exit_code = 2


class ConfigError(UsageError, ValueError):
    """Invalid settings: workradar.toml, WORKRADAR_* variables or a settings value."""


class WorkspaceNotFoundError(UsageError):
    """A command that only reads was pointed at a workspace or database that does not exist."""


class StoreError(WorkradarError):
    """The workspace database cannot be opened or read (a server down, a damaged file)."""
