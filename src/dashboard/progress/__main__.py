"""python -m dashboard.progress …"""

import sys

from .cli import main

sys.exit(main())
