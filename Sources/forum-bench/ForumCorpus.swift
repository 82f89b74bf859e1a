import ForumModel
import Foundation
import SyncCore

/// A realistic mix of forum records for the load benchmarks, in the shape of ForumModel's
/// DemoData scaled up: about 2% forums, 20% participants, 39% attendance and 39% honoraria
/// (a third proposed, a third approved, a third paid, each step a separate write as in
/// real use), spread round-robin over `municipalities`. Every attendance and participant
/// lies in its forum's municipality. Ids are derived from `key`, so two corpora with
/// different keys never share a record.
///
/// Records are numbered parents first (forums, participants, attendance, honoraria) and
/// built on demand by range, so a million-record store never sits in memory at once.
struct ForumCorpus {
    /// One local write: fields of one record.
    struct Write {
        let collection: String
        let id: String
        let values: [String: JSONValue]
    }

    let key: String
    let municipalities: [String]
    let forums: Int
    let participants: Int
    let attendances: Int
    let honoraria: Int
    var recordCount: Int { forums + participants + attendances + honoraria }
    private static let day0 = Date(timeIntervalSince1970: 1_767_225_600) // 2026-01-01

    init(records: Int, municipalities: [String], key: String) {
        self.key = key
        self.municipalities = municipalities
        forums = max(1, records * 2 / 100)
        participants = max(1, records * 20 / 100)
        attendances = max(1, records * 39 / 100)
        honoraria = min(attendances, max(0, records - forums - participants - attendances))
    }

    func forumID(_ index: Int) -> String { RecordID.derived(collection: Forum.collection, naturalKey: ["bench", key, String(index)]) }
    func participantID(_ index: Int) -> String {
        RecordID.derived(collection: Participant.collection, naturalKey: ["bench", key, String(index)])
    }
    func municipality(ofForum index: Int) -> String { municipalities[index % municipalities.count] }

    /// Attendance k: forum k mod F, in round k / F; a participant of that forum's
    /// municipality chosen so that each attends about two forums (as in DemoData) and no
    /// pair repeats: within a municipality, participant (f + s·round) mod Pm for its forum
    /// number f and Pm participants, with s the first step from Fm + 1 (Fm forums) that is
    /// coprime with Pm.
    func attendance(_ index: Int) -> Attendance {
        let m = municipalities.count
        let forum = index % forums
        let round = index / forums
        let forumsHere = max(1, forums / m), participantsHere = max(1, participants / m)
        var step = forumsHere + 1
        while Self.gcd(step, participantsHere) != 1 { step += 1 }
        let local = (forum / m + step * round) % participantsHere
        let participant = min(participants - 1, forum % m + m * local)
        return Attendance(forumID: forumID(forum), participantID: participantID(participant),
                          role: index % 10 == 0 ? .associationRepresentative : .participant)
    }

    static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }

    /// The writes that make record `index` (one, or up to three for an honorarium).
    func writes(record index: Int) -> [Write] {
        var i = index
        if i < forums {
            let start = Self.day0.addingTimeInterval(Double(i % 300) * 86_400 + 12 * 3600)
            let forum = Forum(id: forumID(i), municipality: municipality(ofForum: i), title: "Deltagarforum \(i + 1)",
                              series: "Deltagarforum \(municipality(ofForum: i))", kind: .deltagarforum,
                              venue: i % 2 == 0 ? "Aktivitetscentrum" : "RSMH:s träfflokal",
                              start: start, end: start.addingTimeInterval(3 * 3600), defaultHonorariumKronor: 900,
                              status: .held, minutes: i % 4 == 0 ? "Vi pratade om SIP och vägarna mellan verksamheterna." : nil)
            return [Write(collection: Forum.collection, id: forum.id, values: forum.fields)]
        }
        i -= forums
        if i < participants {
            let anonymous = i % 3 == 0
            let participant = Participant(id: participantID(i), displayName: "Deltagare \(i)", association: i % 5 == 0 ? "RSMH" : nil,
                                          contact: anonymous ? nil : "070-\(100 + i % 900) \(10 + i % 90) \(10 + i % 89)",
                                          municipality: municipalities[i % municipalities.count], anonymous: anonymous,
                                          consentGiven: true, consentDate: "2026-01-20")
            return [Write(collection: Participant.collection, id: participant.id, values: participant.fields)]
        }
        i -= participants
        if i < attendances {
            let attendance = attendance(i)
            return [Write(collection: Attendance.collection, id: attendance.id, values: attendance.fields)]
        }
        i -= attendances
        let attendanceID = attendance(i).id
        var honorarium = Honorarium(attendanceID: attendanceID, amount: 900, payerMunicipality: municipality(ofForum: i % forums))
        let id = Honorarium.id(attendanceID: attendanceID)
        var result = [Write(collection: Honorarium.collection, id: id, values: honorarium.fields)]
        guard i % 3 != 0 else { return result }
        result.append(Write(collection: Honorarium.collection, id: id, values: honorarium.approvalFields()))
        honorarium.approvedAmount = 900
        guard i % 3 == 2 else { return result }
        result.append(Write(collection: Honorarium.collection, id: id,
                            values: honorarium.paymentFields(paidDate: "2026-02-27", method: .bankTransfer)))
        return result
    }

    /// The final states of records `range`, as written by `replica`, three clock ticks per
    /// record so any range gives the same states.
    func states(_ range: Range<Int>, replica: ReplicaID, wallMillis: Int64 = 1_767_225_600_000) -> [RecordState] {
        range.map { index in
            var state: RecordState?
            for (step, write) in writes(record: index).enumerated() {
                var current = state ?? RecordState(collection: write.collection, id: write.id)
                _ = try? current.write(write.values, by: replica,
                                       at: HybridTimestamp(wallMillis: wallMillis + Int64(index) * 3 + Int64(step)))
                state = current
            }
            return state ?? RecordState(collection: "forum", id: "none")
        }
    }
}
