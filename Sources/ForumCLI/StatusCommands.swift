import FieldClient
import ForumModel
import Foundation
import ReplicaStore
import SyncCore

/// `forum status` and `forum conflicts`.
enum StatusCommands {
    /// How many refused writes `status` lists.
    static let refusedShown = 10

    static func status(_ context: CommandContext) throws {
        let profile = try context.profile()
        let replica = try context.replica()
        let pending: Int, last: Int64?, refused: [RefusedWrite], counts: (conflicts: Int, reviewFlags: Int), revoked: Bool
        do {
            // Known from the last sync's answer (`SyncEngine`): status asks no server.
            revoked = try replica.isKnownRevoked()
            pending = try replica.pendingCount()
            last = try replica.lastSuccessfulSync()
            refused = try replica.refusedWrites(limit: refusedShown)
            counts = try replica.store.conflictCounts()
        } catch let error as ClientError { throw context.failure(error) }
        let flags = ReviewFlags.allFlags(in: replica.lookup)
        if context.json {
            context.printJSON([
                "replica": .string(profile.replica.rawValue), "role": .string(profile.role), "server": .string(profile.serverURL),
                "revoked": .bool(revoked), "pending": .integer(Int64(pending)), "lastSync": last.map { .string(RecordTime.string(Date(timeIntervalSince1970: Double($0) / 1000))) } ?? .null,
                "conflicts": .integer(Int64(counts.conflicts)),
                "reviewFlags": .array(flags.map { ["code": .string($0.code.rawValue), "collection": .string($0.collection), "id": .string($0.id)] }),
                "refused": .array(refused.map { ["collection": .string($0.collection), "id": .string($0.id), "code": .string($0.code)] }),
            ])
            return
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
            let people = StoreLookup.all(replica, Participant.collection).count
            context.say(context.t("client.status.retention", ["count": String(people), "days": String(days)]))
        }
        context.say(context.t("client.status.review_flags", ["count": String(flags.count)]))
        for flag in flags {
            context.say("  " + RecordResolver.short(flag.id) + "  " + DomainBridge.text(flag.messageKey.rawValue, context.language,
                                                                                          fallback: flag.code.rawValue))
        }
        if !refused.isEmpty { context.say(context.t("client.status.refused")) }
        for write in refused {
            context.say("  " + context.t("client.sync.refused_line", [
                "kind": context.t("client.collection.\(write.collection)"), "id": RecordResolver.short(write.id),
                "reason": DomainBridge.reason(code: write.code, parameters: write.parameters,
                                              serverMessage: write.message, context.language)]))
        }
    }

    /// Open conflicts: every field in conflict with every value and who wrote it. The
    /// people on this laptop may read the records it holds (its participant register shows
    /// their names), so values are shown as stored, and an anonymous participant's record is
    /// marked as such; redacting them as for the admin merged the differing names into one
    /// pseudonym and showed an empty entry. Writers: this laptop, the administrator, or
    /// another device by its id.
    static func conflicts(_ context: CommandContext) throws {
        let replica = try context.replica()
        let conflicts: [OpenConflict]
        do { conflicts = try replica.openConflicts() } catch { throw context.failure(error) }
        var items: [JSONValue] = []
        var lines: [String] = []
        for conflict in conflicts {
            lines.append(context.t("client.collection.\(conflict.collection)") + " " + RecordResolver.short(conflict.id)
                         + (conflict.anonymous ? " " + context.t("client.conflicts.anonymous_mark") : ""))
            var fields: [JSONValue] = []
            for field in conflict.fields {
                lines.append("  " + context.t("client.conflicts.field", ["field": field.field]))
                for value in field.values {
                    let when = context.show(Date(timeIntervalSince1970: Double(value.writtenMillis) / 1000))
                    let writer = value.writerRole == ConflictWriter.thisDevice.role ? context.t("client.conflicts.this_laptop")
                        : value.writerRole == ConflictWriter.server.role ? context.t("client.conflicts.administrator") : value.replica
                    lines.append("    " + TextTable.printable(value.value ?? "") + "  "
                                 + context.t("client.conflicts.by", ["replica": writer, "time": when]))
                }
                fields.append(["field": .string(field.field), "values": .array(field.values.map {
                    ["value": $0.shownValue ?? .null, "replica": .string($0.replica), "counter": .integer(Int64(clamping: $0.dot.counter)),
                     "time": .array([.integer($0.time.wallMillis), .integer(Int64($0.time.logical))])]
                })])
            }
            items.append(["collection": .string(conflict.collection), "id": .string(conflict.id), "anonymous": .bool(conflict.anonymous),
                          "fields": .array(fields)])
        }
        if context.json { context.printJSON(.array(items)); return }
        guard !lines.isEmpty else { context.say(context.t("client.conflicts.none")); return }
        context.say(lines.joined(separator: "\n"))
        context.say(context.t("client.conflicts.hint"))
    }
}
