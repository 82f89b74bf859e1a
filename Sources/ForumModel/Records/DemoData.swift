import Foundation
import SyncCore

/// Realistic Swedish demo data for the CLI, benchmarks and tests, after the NSPH pilots:
///
/// - Södertälje: "Deltagarforum Södertälje", four forums (three held, one planned) at the
///   Aktivitetscentrum with representatives of RSMH and Attention, 900 kr per forum.
/// - Norrtälje: "Unga vuxna på K8", three group meetings for young adults at Kyrkogatan 8,
///   500 kr per meeting, not counted as income for income support.
///
/// Every name is invented. Ids are derived from fixed keys, so every build is identical.
public struct DemoData: Sendable {
    /// All records.
    public let lookup: InMemoryLookup
    /// Forum ids of Södertälje, in date order.
    public let sodertaljeForumIDs: [String]
    /// Forum ids of Norrtälje, in date order.
    public let norrtaljeForumIDs: [String]
    /// Participant ids by demo key (e.g. `"sodertalje.anonymous1"`), for tests.
    public let participantIDs: [String: String]

    /// Every record state, by collection then id.
    public var states: [RecordState] { lookup.allStates }

    /// Builds the data as writes of `replica`, starting the clock at `wallMillis`.
    public static func build(replica: ReplicaID = ReplicaID("demo-seed") ?? .server,
                             wallMillis: Int64 = 1_767_225_600_000) -> DemoData {
        var builder = Builder(replica: replica, clock: HybridClock(last: HybridTimestamp(wallMillis: wallMillis)))

        // Södertälje: association representatives, participants (two anonymous), staff.
        let s = "Södertälje"
        let sPeople: [(key: String, participant: (String) -> Participant, role: AttendanceRole)] = [
            ("sodertalje.rsmh", { Participant(id: $0, displayName: "Karin Holm", association: "RSMH", contact: "karin.holm@example.se",
                                              municipality: s, consentGiven: true, consentDate: "2026-01-20") }, .associationRepresentative),
            ("sodertalje.attention", { Participant(id: $0, displayName: "Ali Hassan", association: "Attention", contact: "070-111 22 33",
                                                   municipality: s, consentGiven: true, consentDate: "2026-01-20") }, .associationRepresentative),
            ("sodertalje.named", { Participant(id: $0, displayName: "Maria Svensson", municipality: s,
                                               consentGiven: true, consentDate: "2026-02-10") }, .participant),
            ("sodertalje.anonymous1", { Participant(id: $0, displayName: "Johan Ek", contact: "070-123 45 67", municipality: s,
                                                    anonymous: true, consentGiven: true, consentDate: "2026-02-10") }, .participant),
            ("sodertalje.anonymous2", { Participant(id: $0, displayName: "Linnéa Ström", association: "RSMH", contact: "linnea.s@example.se",
                                                    municipality: s, anonymous: true, consentGiven: true, consentDate: "2026-02-10") }, .participant),
            ("sodertalje.facilitator", { Participant(id: $0, displayName: "Eva Lund", association: "NSPH Stockholms län", municipality: s) }, .facilitator),
            ("sodertalje.manager", { Participant(id: $0, displayName: "Per Nilsson", municipality: s) }, .manager),
        ]
        let sDates = [("2026-02-10T12:00:00Z", "2026-02-10T15:00:00Z"), ("2026-03-10T12:00:00Z", "2026-03-10T15:00:00Z"),
                      ("2026-04-14T11:00:00Z", "2026-04-14T14:00:00Z"), ("2026-09-15T11:00:00Z", "2026-09-15T14:00:00Z")]
        var sForums: [String] = []
        for (index, dates) in sDates.enumerated() {
            let forum = Forum(id: id("forum", "sodertalje.\(index + 1)"), municipality: s, title: "Deltagarforum \(index + 1)",
                              series: "Deltagarforum Södertälje", kind: .deltagarforum,
                              venue: index == 1 ? "RSMH:s träfflokal" : "Södertälje Aktivitetscentrum",
                              start: RecordTime.instant(dates.0) ?? Date(), end: RecordTime.instant(dates.1) ?? Date(),
                              defaultHonorariumKronor: 900, status: index < 3 ? .held : .planned,
                              minutes: index == 0 ? "Vi pratade om SIP, Peer Support och vägarna mellan verksamheterna." : nil)
            builder.write(Forum.collection, forum.id, forum.fields)
            sForums.append(forum.id)
        }

        // Norrtälje: about five young adults (three anonymous) and a facilitator.
        let n = "Norrtälje"
        let nPeople: [(key: String, participant: (String) -> Participant, role: AttendanceRole)] = [
            ("norrtalje.1", { Participant(id: $0, displayName: "Elin Berg", municipality: n, consentGiven: true, consentDate: "2026-03-02") }, .participant),
            ("norrtalje.2", { Participant(id: $0, displayName: "Mohammed Karim", contact: "073-555 01 02", municipality: n, anonymous: true,
                                          consentGiven: true, consentDate: "2026-03-02") }, .participant),
            ("norrtalje.3", { Participant(id: $0, displayName: "Noah Lindgren", municipality: n, anonymous: true,
                                          consentGiven: true, consentDate: "2026-03-02") }, .participant),
            ("norrtalje.4", { Participant(id: $0, displayName: "Alva Öberg", municipality: n, consentGiven: true, consentDate: "2026-03-02") }, .participant),
            ("norrtalje.5", { Participant(id: $0, displayName: "Sami Järvinen", municipality: n, anonymous: true,
                                          consentGiven: true, consentDate: "2026-03-02") }, .participant),
            ("norrtalje.facilitator", { Participant(id: $0, displayName: "Sofia Åberg", association: "NSPH Stockholms län", municipality: n) }, .facilitator),
        ]
        var nForums: [String] = []
        for index in 0..<3 {
            let day = ["2026-03-02", "2026-03-16", "2026-03-30"][index]
            let startHour = index == 2 ? "13" : "14" // summer time from 29 March
            let forum = Forum(id: id("forum", "norrtalje.\(index + 1)"), municipality: n, title: "Träff \(index + 1)",
                              series: "Unga vuxna på K8", kind: .meeting, venue: "Kyrkogatan 8 (K8)",
                              start: RecordTime.instant("\(day)T\(startHour):00:00Z") ?? Date(),
                              end: RecordTime.instant("\(day)T\(index == 2 ? "15" : "16"):00:00Z") ?? Date(),
                              defaultHonorariumKronor: 500, status: .held)
            builder.write(Forum.collection, forum.id, forum.fields)
            nForums.append(forum.id)
        }

        var participantIDs: [String: String] = [:]
        for person in sPeople + nPeople {
            let participantID = id("participant", person.key)
            participantIDs[person.key] = participantID
            let participant = person.participant(participantID)
            builder.write(Participant.collection, participantID, participant.fields)
        }

        // Attendance and honoraria. Södertälje: forum 1 paid, forum 2 approved, forum 3
        // proposed; the second anonymous participant missed forum 3 (absent, no honorarium).
        for (index, forumID) in sForums.prefix(3).enumerated() {
            for person in sPeople {
                let absent = index == 2 && person.key == "sodertalje.anonymous2"
                let attendance = Attendance(forumID: forumID, participantID: participantIDs[person.key] ?? "",
                                            role: person.role, present: !absent)
                builder.write(Attendance.collection, attendance.id, attendance.fields)
                guard !absent, person.role == .participant || person.role == .associationRepresentative else { continue }
                let status: HonorariumStatus = [.paid, .approved, .proposed][index]
                builder.honorarium(attendanceID: attendance.id, amount: 900, payer: s, notCountedAsIncome: false, status: status,
                                   paidDate: "2026-02-27")
            }
        }
        // Norrtälje: everyone at every meeting; meetings 1–2 paid, meeting 3 approved.
        for (index, forumID) in nForums.enumerated() {
            for person in nPeople {
                let attendance = Attendance(forumID: forumID, participantID: participantIDs[person.key] ?? "", role: person.role)
                builder.write(Attendance.collection, attendance.id, attendance.fields)
                guard person.role == .participant else { continue }
                builder.honorarium(attendanceID: attendance.id, amount: 500, payer: n, notCountedAsIncome: true,
                                   status: index < 2 ? .paid : .approved, paidDate: "2026-04-10")
            }
        }
        return DemoData(lookup: builder.lookup, sodertaljeForumIDs: sForums, norrtaljeForumIDs: nForums,
                        participantIDs: participantIDs)
    }

    private static func id(_ collection: String, _ key: String) -> String {
        RecordID.derived(collection: collection, naturalKey: ["demo", key])
    }

    /// Makes the writes, one clock tick apart.
    private struct Builder {
        let replica: ReplicaID
        var clock: HybridClock
        var lookup = InMemoryLookup()

        mutating func write(_ collection: String, _ id: String, _ values: [String: JSONValue]) {
            var state = lookup.state(collection: collection, id: id) ?? RecordState(collection: collection, id: id)
            _ = try? state.write(values, by: replica, at: clock.now(wallMillis: clock.last.wallMillis + 1000))
            lookup.insert(state)
        }

        /// Proposes, then approves and pays as far as `status`, each a separate write as in real use.
        mutating func honorarium(attendanceID: String, amount: Int64, payer: String, notCountedAsIncome: Bool,
                                 status: HonorariumStatus, paidDate: String) {
            var honorarium = Honorarium(attendanceID: attendanceID, amount: amount, payerMunicipality: payer,
                                        notCountedAsIncome: notCountedAsIncome)
            write(Honorarium.collection, honorarium.id, honorarium.fields)
            guard status == .approved || status == .paid else { return }
            write(Honorarium.collection, honorarium.id, honorarium.approvalFields())
            honorarium.approvedAmount = amount
            guard status == .paid else { return }
            write(Honorarium.collection, honorarium.id, honorarium.paymentFields(paidDate: paidDate, method: .bankTransfer))
        }
    }
}
