"""Kansai action-plan dashboard: data build, loading, filters, charts and exports."""

__version__ = "0.1.0"
