"""Consolidator: versions and consolidates French collective-agreement law."""

from __future__ import annotations

__version__ = "0.1.0"
