"""One module per ``sw-migrate`` subcommand; :mod:`migrate.cli` registers them."""
