"""The History page: the audit trail, paged newest first, filtered, exported to CSV."""
