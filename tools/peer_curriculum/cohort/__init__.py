"""nbgrader add-ons for cohort grading; the only package that imports nbgrader.

nbgrader lives in its own environment (``make cohort``), so nothing else in ``peer_curriculum``
imports this package: the site build and the other commands never pay for nbgrader's imports.
Enable the add-ons in ``nbgrader_config.py`` (``peer-curriculum export scenario`` writes an example,
``nbgrader_config.example.py``).
"""
