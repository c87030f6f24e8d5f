from kquiz.cli.main import main

raise SystemExit(main())
