"""Builds libnorm's native module (libnorm._libnorm) with the repository's
CMake build, for `pip install --no-build-isolation ./python`.

Environment:
  LIBNORM_BUILD_DIR  an already configured CMake build of this repository
                     (CI: build/): only its norm_python target is built and
                     copied; without it a Release build is configured under
                     setuptools' build_temp (tests and benchmarks off).
  LIBNORM_JOBS       parallel build jobs (default: the CPU count).
"""
import glob
import os
import shutil
import subprocess
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


class CMakeExtension(Extension):
    def __init__(self, name):
        super().__init__(name, sources=[])


class CMakeBuild(build_ext):
    def build_extension(self, ext):
        build_dir = os.environ.get("LIBNORM_BUILD_DIR")
        if build_dir:
            build_dir = os.path.abspath(build_dir)
        else:
            build_dir = os.path.join(os.path.abspath(self.build_temp), "cmake")
            subprocess.check_call([
                "cmake", "-S", ROOT, "-B", build_dir, "-DCMAKE_BUILD_TYPE=Release",
                "-DNORM_BUILD_TESTS=OFF", "-DNORM_BUILD_BENCH=OFF", "-DNORM_BUILD_PYTHON=ON",
                "-DPython_EXECUTABLE=" + sys.executable,
            ])
        jobs = os.environ.get("LIBNORM_JOBS", str(os.cpu_count() or 2))
        subprocess.check_call(["cmake", "--build", build_dir, "--target", "norm_python",
                               "-j", jobs])
        built = glob.glob(os.path.join(build_dir, "python", "libnorm", "_libnorm*.so"))
        if len(built) != 1:
            raise RuntimeError("libnorm: the CMake build made no single _libnorm module in " +
                               os.path.join(build_dir, "python", "libnorm") +
                               " (is pybind11-dev installed? scripts/setup.sh installs it)")
        target = self.get_ext_fullpath(ext.name)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copyfile(built[0], target)


setup(ext_modules=[CMakeExtension("libnorm._libnorm")], cmdclass={"build_ext": CMakeBuild})
