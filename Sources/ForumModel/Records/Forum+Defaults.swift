import Foundation

extension Forum {
    /// How long a forum lasts when no end is given, in seconds: 7,200 (2 hours). Used by
    /// `forum forum add` and the app's forum form.
    public static let defaultDurationSeconds: TimeInterval = 2 * 3600
}
