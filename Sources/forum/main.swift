import ForumCLI

ForumCLI.main()
