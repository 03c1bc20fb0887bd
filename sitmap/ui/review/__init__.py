"""The review page: ingest a report, review its candidate events, accept them into the store."""
