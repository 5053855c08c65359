"""Tests of the REST client, account profiles, the emulator and the commands built on them."""
