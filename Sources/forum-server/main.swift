import ServerCLI

// forum-server: the command line lives in the ServerCLI library, tested in process.
ServerCLI.main()
