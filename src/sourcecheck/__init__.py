"""sourcecheck: check the quotations in a piece of writing against the sources they rest on."""

__version__ = "0.1.0"
