from macros.cli import main

raise SystemExit(main())
