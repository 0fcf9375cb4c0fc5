"""The staff pages' tests use a real LRS (tests/sync) and an update publisher with its mirror
(tests/updates): their fixtures, lent here."""

from tests.sync.conftest import ralph  # noqa: F401
from tests.updates.conftest import mirror, publisher  # noqa: F401
