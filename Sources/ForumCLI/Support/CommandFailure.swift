import ArgumentParsing

/// A command that could not do what was asked: a translated message for standard error
/// and the exit code. Messages never repeat record contents the user did not just type.
struct CommandFailure: Error {
    let message: String
    let exitCode: ExitCode

    init(_ message: String, exitCode: ExitCode = .failure) {
        self.message = message
        self.exitCode = exitCode
    }
}
