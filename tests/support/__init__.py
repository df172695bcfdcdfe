"""Helpers shared by the tests: seller reports, stores, corpora, the browser and the catalogs."""
