/// Process exit statuses of the CLIs. A struct, not an enum, so each CLI can add its
/// own codes in an extension: `extension ExitCode { static let conflicts = ExitCode(3) }`.
/// Document every code in the command's discussion text.
public struct ExitCode: RawRepresentable, Hashable, Sendable {
    /// The status passed to `exit`.
    public let rawValue: Int32

    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// Creates an exit code.
    public init(_ rawValue: Int32) { self.rawValue = rawValue }

    /// 0: the command did what was asked.
    public static let success = ExitCode(0)
    /// 1: the command failed.
    public static let failure = ExitCode(1)
    /// 64 (`EX_USAGE` of sysexits.h): the command line was wrong.
    public static let usage = ExitCode(64)
}
