import ArgumentParsing

extension ExitCode {
    /// 2: a sync did not complete (server unreachable, timeout, server error); nothing was lost.
    public static let syncIncomplete = ExitCode(2)
    /// 3: the server has revoked this device.
    public static let deviceRevoked = ExitCode(3)
}
