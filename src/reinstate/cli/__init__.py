"""The `reinstate` command line: parse, call a service, format (table or --json)."""
