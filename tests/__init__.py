"""Test suite; a package so shared helpers such as the conftest fixtures import from any test."""
