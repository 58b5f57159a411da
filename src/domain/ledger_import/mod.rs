//! Ledger import (work in progress; the parsers follow in the next commit).
