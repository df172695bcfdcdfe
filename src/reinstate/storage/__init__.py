"""The database: connection, schema, and writing imports in one transaction."""
