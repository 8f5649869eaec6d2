"""Which packages the wheel holds (everything else is in pyproject.toml).

The corpus and the templates stay at the repository's top level (corpus/, templates/) and ship
inside the wheel as consolidator/_data/corpus and consolidator/_data/templates, so that an
installed package finds them; consolidator/resources.py is the one place that looks them up.
"""

from setuptools import find_packages, setup

DATA = {"consolidator._data.corpus": "corpus", "consolidator._data.templates": "templates"}

setup(packages=[*find_packages(include=["consolidator", "consolidator.*"]), *DATA], package_dir=DATA)
