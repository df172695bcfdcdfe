"""Adapters for files in: one module per report kind; text in, (rows, problems) out."""
