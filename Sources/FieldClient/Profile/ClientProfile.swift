import Foundation
import SyncCore

/// What enrolment gave this device: the server, its identity there, its token and role.
///
/// Stored as canonical JSON in a file only the user can read (mode 0600): the token is a
/// credential. `load` refuses to hand out a token from a file others could read and makes
/// the file private instead (or fails with `insecure_profile` when it cannot).
public struct ClientProfile: Sendable, Equatable {
    /// The server's base URL, e.g. `http://127.0.0.1:8080`.
    public var serverURL: String
    /// This device's replica id, assigned by the server.
    public var replica: ReplicaID
    /// The bearer token (64 hex characters).
    public var token: String
    /// The role granted: `facilitator`, `coordinator` or `admin`.
    public var role: String
    /// The municipalities the device works in.
    public var municipalities: [String]
    /// The server's replica id (`server`).
    public var serverReplica: String
    /// The absolute path of a PEM file of the certificate authorities trusted for this
    /// server instead of the system's (`forum enroll --ca-file`, for a municipal PKI);
    /// `nil`: the system's trust store.
    public var caFile: String?

    /// Creates a profile.
    public init(serverURL: String, replica: ReplicaID, token: String, role: String, municipalities: [String],
                serverReplica: String = "server", caFile: String? = nil) {
        self.serverURL = serverURL
        self.caFile = caFile
        self.replica = replica
        self.token = token
        self.role = role
        self.municipalities = municipalities
        self.serverReplica = serverReplica
    }

    /// The profile as JSON (the token included: this is the file's content).
    public var jsonValue: JSONValue {
        var members: [JSONKey: JSONValue] = [
            "server": .string(serverURL), "replica": .string(replica.rawValue), "token": .string(token),
            "role": .string(role), "municipalities": .array(municipalities.map(JSONValue.string)),
            "serverReplica": .string(serverReplica)]
        if let caFile { members["caFile"] = .string(caFile) }
        return .object(members)
    }

    /// Reads a profile from its JSON.
    /// - Throws: `storage_error` when a member is missing or malformed.
    public init(json: JSONValue) throws(ClientError) {
        guard let server = json["server"]?.stringValue, let replicaText = json["replica"]?.stringValue,
              let replica = ReplicaID(replicaText), let token = json["token"]?.stringValue,
              let role = json["role"]?.stringValue, let list = json["municipalities"]?.arrayValue else {
            throw ClientError(.storageError, "the profile file is incomplete or malformed")
        }
        self.init(serverURL: server, replica: replica, token: token, role: role,
                  municipalities: list.compactMap(\.stringValue),
                  serverReplica: json["serverReplica"]?.stringValue ?? "server", caFile: json["caFile"]?.stringValue)
    }

    /// Whether a profile file exists at `path`.
    public static func exists(at path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    /// Loads the profile at `path`.
    ///
    /// - Returns: the profile, and whether its permissions were wider than 0600 and have
    ///   been narrowed (the CLI warns, since the token may have been exposed).
    /// - Throws: `not_enrolled` when there is no file, `insecure_profile` when it is too
    ///   open and cannot be fixed, `storage_error` when it cannot be read.
    public static func load(from path: String) throws(ClientError) -> (profile: ClientProfile, repairedPermissions: Bool) {
        guard exists(at: path) else { throw ClientError(.notEnrolled, "no profile file; enrol this device first") }
        var repaired = false
        let mode = try FilePermissions.mode(of: path)
        if mode & 0o077 != 0 {
            guard FilePermissions.setMode(0o600, of: path), (try FilePermissions.mode(of: path)) & 0o077 == 0 else {
                throw ClientError(.insecureProfile, "the profile file is readable by others and could not be made private")
            }
            repaired = true
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ClientError(.storageError, "the profile file could not be read")
        }
        let json: JSONValue
        do { json = try JSONParser().parse(Array(data)) } catch {
            throw ClientError(.storageError, "the profile file is not valid JSON (\(error.code.rawValue))")
        }
        return (try ClientProfile(json: json), repaired)
    }

    /// Writes the profile to `path` atomically with mode 0600, creating its directory
    /// (mode 0700) when needed. The file never exists with wider permissions, not even briefly.
    /// - Throws: `storage_error`.
    public func save(to path: String) throws(ClientError) {
        try FilePermissions.writePrivately(JSONWriter.bytes(jsonValue) + [0x0A], to: path)
    }
}
