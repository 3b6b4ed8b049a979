"""`python -m musharaka users ...`: manage who may sign in (see musharaka.users_cli)."""

import sys

from musharaka.users_cli import main

sys.exit(main())
