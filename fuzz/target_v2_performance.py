"""Atheris target: v2_performance (run by `make fuzz`; see fuzz/common.py)."""

from common import run

if __name__ == "__main__":
    run("v2_performance")
