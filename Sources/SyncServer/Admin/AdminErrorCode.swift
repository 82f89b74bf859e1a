/// The codes of failures of admin operations (the `forum-server` CLI and the dashboard),
/// which never travel in protocol answers: the protocol's own are `WireErrorCode`.
public enum AdminErrorCode: String, Sendable, CaseIterable {
    /// An imported state is refused by the domain.
    case invalidRecord = "invalid_record"
    /// The record, device or conflict named does not exist.
    case notFound = "not_found"
    /// A resolution names a value the field does not hold.
    case unknownValue = "unknown_value"
    /// A resolution's value is not of the field's type, or the domain refuses it.
    case invalidValue = "invalid_value"
    /// A shortened id that several ids start with; carries `suggestions`.
    case ambiguousID = "ambiguous_id"
    /// A conflict id is not `collection/id`.
    case invalidConflictID = "invalid_conflict_id"
    case invalidRole = "invalid_role"
    case invalidMunicipality = "invalid_municipality"
    /// A municipality not on the server's list; carries `suggestions`.
    case unknownMunicipality = "unknown_municipality"
    case invalidName = "invalid_name"
    /// A command other than `serve` and `device add` found no database in the data
    /// directory (a mistyped `--data`); carries `directory`.
    case noDatabase = "no_database"
    /// The data directory could not be created or made private.
    case dataDirectory = "data_directory"
    /// The database failed (the detail names SQL and files, never bound values).
    case storageError = "storage_error"
    /// The metrics token file could not be read or written.
    case metricsToken = "metrics_token"
    /// A restore's source is not an intact forum-sync server database.
    case restoreSource = "restore_source"
    /// An admin write to a record whose state from before a restore the devices have not
    /// re-offered yet; sync the devices first.
    case notRecovered = "not_recovered"
    /// The listening socket could not be opened.
    case bindFailed = "bind_failed"

    /// The HTTP status the dashboard answers it with.
    public var httpStatus: Int {
        switch self {
        case .notFound: 404
        case .dataDirectory, .storageError, .metricsToken, .bindFailed: 500
        default: 400
        }
    }
}
