"""Atheris target: notice (run by `make fuzz`; see fuzz/common.py)."""

from common import run

if __name__ == "__main__":
    run("notice")
