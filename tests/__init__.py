"""Test suite; a package so shared helpers such as :mod:`tests.emulator` import from any test."""
