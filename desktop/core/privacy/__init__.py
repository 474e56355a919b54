"""What is kept on this computer and for how long.

Public API:

- ``secure_store``: encrypted records with the key in the operating system's credential store;
- ``history``: review sessions kept encrypted, so work survives a crash; ``kept_reviews.KeptReviews``: that
  history as the app uses it from several threads;
- ``journal``: a review's decisions without document text, where there is no key store;
- ``audit_log``: one record per saved document, never its text;
- ``retention``: purging what is older than the policy allows, and "Wis al mijn gegevens".
"""
