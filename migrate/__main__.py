"""Allow ``python -m migrate`` as well as the ``sw-migrate`` console script."""

from migrate.cli import main

if __name__ == "__main__":
    main()
