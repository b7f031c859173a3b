"""Root pytest configuration: never collect from build outputs or the virtualenv.

(Being at the root, this file also puts the repository on ``sys.path``, so tests can
``import tests.browser.helpers``.)
"""

collect_ignore = ["_build", ".venv", "node_modules", "bench", "book", "scripts", "yatlib"]
collect_ignore_glob = ["_build/*", ".venv/*", "**/.ipynb_checkpoints/*"]
