"""Shared fixtures of the Python module's tests (run by ctest, see
tests/bindings.cmake): the greatgame program to compare with, the source
tree, and a scratch folder per test."""
import os
import subprocess

import pytest


def pytest_configure(config):
    for name in ("GG_PROGRAM", "GG_SOURCE_DIR"):
        if not os.environ.get(name):
            raise pytest.UsageError("%s is not set (run these tests through ctest)" % name)


@pytest.fixture
def program():
    return os.environ["GG_PROGRAM"]


@pytest.fixture
def source_dir():
    return os.environ["GG_SOURCE_DIR"]


@pytest.fixture
def cli(program):
    """Run the greatgame program; returns the CompletedProcess (text)."""
    def run(*args, check=True, cwd=None):
        p = subprocess.run([program] + [str(a) for a in args], capture_output=True, text=True,
                           cwd=cwd)
        if check and p.returncode != 0:
            raise AssertionError("greatgame %s failed (%d): %s" % (
                " ".join(map(str, args)), p.returncode, p.stderr))
        return p
    return run


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()
