from codecollab.cli import main

raise SystemExit(main())
