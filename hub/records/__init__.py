"""Records: the rows of tabular datasets (statistics, budget lines, projects, ...).

``schema`` loads the declarative content-type schemas of ``schemas/``; ``sources``
and ``encodings`` read uploaded files as streams of rows; ``store`` keeps each
dataset's rows in a real table; ``service`` imports, queries and publishes them.
"""
