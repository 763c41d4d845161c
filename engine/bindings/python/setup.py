"""Build the greatgame Python package against an installed greatgame library.

    cmake --install BUILD --prefix PREFIX           # the library, headers, greatgame.pc
    PKG_CONFIG_PATH=PREFIX/lib/pkgconfig \\
        python3 -m pip install --no-build-isolation engine/bindings/python

The library is found with pkg-config (``greatgame.pc``), or through the
environment variables GREATGAME_INCLUDE_DIR and GREATGAME_LIBRARY_DIR. Nothing
is downloaded: setuptools, NumPy, pandas and xarray come from the system
(Debian: python3-setuptools, python3-numpy, python3-pandas, python3-xarray).
"""
import os
import shlex
import subprocess
import sys

from setuptools import Extension, setup

HERE = os.path.dirname(os.path.abspath(__file__))


def library_flags():
    inc = os.environ.get("GREATGAME_INCLUDE_DIR")
    lib = os.environ.get("GREATGAME_LIBRARY_DIR")
    if inc and lib:
        return [inc], [lib]
    try:
        cflags = subprocess.run(["pkg-config", "--cflags-only-I", "greatgame"], check=True,
                                capture_output=True, text=True).stdout
        libs = subprocess.run(["pkg-config", "--libs-only-L", "greatgame"], check=True,
                              capture_output=True, text=True).stdout
    except (OSError, subprocess.CalledProcessError) as e:
        sys.exit("setup.py: the greatgame library was not found: install it (cmake --install) "
                 "and set PKG_CONFIG_PATH=PREFIX/lib/pkgconfig, or set GREATGAME_INCLUDE_DIR "
                 "and GREATGAME_LIBRARY_DIR (%s)" % e)
    incs = [f[2:] for f in shlex.split(cflags) if f.startswith("-I")]
    dirs = [f[2:] for f in shlex.split(libs) if f.startswith("-L")]
    return incs, dirs


incs, dirs = library_flags()
ext = Extension(
    "greatgame._greatgame",
    sources=["src/ggpy_scenario.c", "src/ggpy_study.c"],
    include_dirs=incs + ["src"],
    library_dirs=dirs,
    runtime_library_dirs=dirs,
    libraries=["greatgame"],
    extra_compile_args=["-std=c17", "-ffp-contract=off", "-fno-fast-math"],
)

# Name, version and dependencies are in pyproject.toml.
setup(packages=["greatgame"], ext_modules=[ext])
