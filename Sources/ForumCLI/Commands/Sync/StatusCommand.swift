import ArgumentParsing
import FieldClient
import ForumModel
import Foundation
import Messages
import ReplicaStore
import SyncCore

/// `forum status`: this device, its unsynced changes, the last sync, open conflicts,
/// review flags and the writes the server refused. Asks no server.
struct StatusCommand: Command {
    static func spec(_ l: Localizer) -> CommandSpec {
        CommandSpec("status", abstract: l["client.cmd.status"], arguments: [SharedArguments.json(l)])
    }

    /// How many refused writes `status` lists.
    static let refusedShown = 10

    let json: Bool

    init(_ arguments: ParsedArguments, _ l: Localizer) throws(UsageError) { json = arguments.flag("json") }

    func run(_ context: CommandContext) throws -> ExitCode {
        let profile = try context.profile()
        let replica = try context.replica()
        let pending: Int, last: Int64?, refused: [RefusedWrite], counts: (conflicts: Int, reviewFlags: Int), revoked: Bool
        do {
            // Known from the last sync's answer (`SyncEngine`): status asks no server.
            revoked = try replica.isKnownRevoked()
            pending = try replica.pendingCount()
            last = try replica.lastSuccessfulSync()
            refused = try replica.refusedWrites(limit: Self.refusedShown)
            counts = try replica.store.conflictCounts()
        } catch let error as ClientError { throw context.failure(error) }
        let flags = ReviewFlags.allFlags(in: replica.lookup)
        if json {
            context.printJSON([
                "replica": .string(profile.replica.rawValue), "role": .string(profile.role), "server": .string(profile.serverURL),
                "revoked": .bool(revoked), "pending": .integer(Int64(pending)), "lastSync": last.map { .string(RecordTime.string(Date(timeIntervalSince1970: Double($0) / 1000))) } ?? .null,
                "conflicts": .integer(Int64(counts.conflicts)),
                "reviewFlags": .array(flags.map { ["code": .string($0.code.rawValue), "collection": .string($0.collection), "id": .string($0.id)] }),
                "refused": .array(refused.map { ["collection": .string($0.collection), "id": .string($0.id), "code": .string($0.code)] }),
            ])
            return .success
        }
        context.say(context.t("client.status.device", ["replica": profile.replica.rawValue,
                                                       "role": context.roleName(profile.role),
                                                       "server": profile.serverURL]))
        if revoked { context.say(context.t("client.status.revoked", ["count": String(pending)])) }
        context.say(context.t("client.status.pending", ["count": String(pending)]))
        context.say(last.map { context.t("client.status.last_sync", ["time": context.show(Date(timeIntervalSince1970: Double($0) / 1000))]) }
                    ?? context.t("client.status.never_synced"))
        context.say(context.t("client.status.conflicts", ["count": String(counts.conflicts)]))
        if replica.actor.role == .facilitator, let days = try? replica.retentionDays() {
            let people = replica.lookup.live(collection: Participant.collection).count
            context.say(context.t("client.status.retention", ["count": String(people), "days": String(days)]))
        }
        context.say(context.t("client.status.review_flags", ["count": String(flags.count)]))
        for flag in flags {
            context.say("  " + RecordResolver.short(flag.id) + "  " + DomainBridge.text(flag.messageKey.rawValue, context.language,
                                                                                          fallback: flag.code.rawValue))
        }
        if !refused.isEmpty { context.say(context.t("client.status.refused")) }
        for write in refused {
            context.say(context.refusedLine(write))
        }
        return .success
    }
}
