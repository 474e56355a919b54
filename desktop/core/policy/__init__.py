"""What the organisation decides: settings in layers, policy files, the AI disclosure, the network guard.

Public API:

- ``settings``: :class:`Settings` and ``load_settings()`` (built-in, machine defaults, user, locked policy),
  read typed by name (``settings.checks.spelling``) through ``settings_view``, generated from the schema;
- ``policy_files``: what a team lead prepares for IT;
- ``disclosure``: when and how the "AI-assisted" statement is added;
- ``network_guard.install()``: nothing but loopback, for the whole process.
"""
