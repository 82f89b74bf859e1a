import ForumModel
import Foundation
import SyncCore

/// Enrolling again on a data directory that already holds a profile (a revoked laptop
/// given a new code, a lost token): the device gets its new identity and keeps its
/// unsynced work, re-applied as writes of the new replica id.
///
/// The old replica's unsynced states carry its dots, which the server never saw and would
/// refuse from the new identity as forged history; no new write may use the old id either.
/// So their records are dropped from the local store, pulled again from the server, and
/// the old work is written again on top (`LocalReplica.reapply`), through the domain rules
/// of the new enrolment. Until that is done a copy of the work lies in the data directory
/// (`handover-<old replica>.json`, mode 0600), for `forum import` should anything fail.
public enum Reenrolment {
    /// What a re-enrolment did.
    public struct Outcome: Sendable {
        /// The new profile, saved.
        public let profile: ClientProfile
        /// Unsynced records of the old identity that were re-applied (or refused).
        public let kept: Int
        /// What re-applying them did.
        public let handover: HandoverSummary
        /// Whether the records were first pulled again from the server; when not (the
        /// network failed after enrolment), the work is re-applied on what is here and a
        /// concurrent change on the server shows as a conflict at the next sync.
        public let pulled: Bool
    }

    /// Re-enrols the profile at `location` with `code`, keeping its unsynced work.
    ///
    /// `caFile` is as for `Enrollment.enroll`; `nil` keeps the old profile's.
    /// - Throws: what `Enrollment.enroll` throws (nothing is changed then), `storage_error`.
    public static func reenrol(serverURL: String, code: String, location: ProfileLocation,
                               transport: (any SyncTransport)? = nil,
                               configuration: ClientConfiguration = ClientConfiguration(),
                               caFile: String? = nil) throws(ClientError) -> Outcome {
        let old = try ClientProfile.load(from: location.configPath).profile
        let work: [RecordState]
        let copy = ((location.replicaPath as NSString).deletingLastPathComponent as NSString)
            .appendingPathComponent("handover-\(old.replica.rawValue).json")
        do {
            let replica = try LocalReplica(path: location.replicaPath, profile: old)
            work = try replica.pendingChanges(limit: Int.max).map(\.state)
            if !work.isEmpty { try FilePermissions.writePrivately(try replica.canonicalExport(pendingOnly: true), to: copy) }
        }
        let profile = try Enrollment.enroll(serverURL: serverURL, code: code, location: location, transport: transport,
                                            configuration: configuration, replacing: true, caFile: caFile ?? old.caFile)
        let replica = try LocalReplica(path: location.replicaPath, profile: profile)
        do {
            try replica.transaction { () throws(ClientError) in
                for state in work {
                    do { try replica.store.forget(collection: state.collection, id: state.id) } catch { throw ClientError.storage(error) }
                }
                // A collection the new role may not read (a coordinator's laptop enrolled
                // again as a facilitator's: payees) leaves the laptop, synced or not; the
                // server never sends it to this role and would refuse its writes.
                let role = Role(rawValue: profile.role)
                for spec in ForumSchema.collections where role.map({ !spec.admits($0) }) ?? (spec.roles != nil) {
                    do {
                        for id in try replica.store.ids(in: spec.name, withPrefix: "", limit: Int.max) {
                            try replica.store.forget(collection: spec.name, id: id)
                        }
                    } catch { throw ClientError.storage(error) }
                }
                // From the beginning: the forgotten records come back, and the new
                // enrolment's scope may differ from the old one's.
                do { try replica.store.removeCheckpoint(LocalReplica.Key.cursor) } catch { throw ClientError.storage(error) }
            }
        }
        // Whatever happens to the pull, the work is re-applied: its records are gone from
        // the store now, and only the copy beside it still holds them.
        var pulled = true
        do {
            let channel: any SyncTransport
            if let transport { channel = transport } else {
                channel = try HTTPSyncTransport(baseURL: profile.serverURL, token: profile.token, configuration: configuration,
                                                caFile: profile.caFile)
            }
            try SyncEngine(replica: replica, transport: channel, configuration: configuration).sync()
        } catch {
            pulled = false
        }
        let handover = try replica.reapply(work)
        try? FileManager.default.removeItem(atPath: copy)
        return Outcome(profile: profile, kept: work.count, handover: handover, pulled: pulled)
    }
}
