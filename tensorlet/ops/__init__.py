"""The op families. Every primitive op is declared in exactly one module of this package."""
