"""The pure-Python core of Schrijfhulp. Nothing in this package may import Qt."""
