"""`python -m musharaka users|communes|follow|notify|media ...`: manage who may sign in
(musharaka.users_cli), the communes' names and aliases (musharaka.communes_cli), who follows
what by e-mail and the sending of the e-mails (musharaka.follow_cli), and the stored
evidence files (musharaka.media_cli)."""

import sys

from musharaka.users_cli import main

sys.exit(main())
