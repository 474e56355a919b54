"""Packaging of Schrijfhulp for IT: the frozen app, the Debian packages, the model packs and the MSI."""
