"""Use cases: open files, own transactions, compose the layers for the front ends."""
