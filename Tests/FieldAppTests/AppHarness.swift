import FieldApp
import FieldClient
import ForumModel
import Foundation
import HTTPServer
import Messages
import SyncCore
import TestSupport
import WebPage

/// A field app over a fresh replica, driven in process: requests carry the cookie and the
/// CSRF token a browser would have after opening the first URL.
final class AppHarness {
    let directory: TemporaryDirectory
    let replica: LocalReplica
    let app: FieldApp
    private(set) var cookie = ""
    private(set) var csrf = ""

    static let municipality = "Södertälje"

    /// - Parameters:
    ///   - serverURL: the server the sync button syncs with (nothing listens on port 9).
    ///   - backgroundSync: whether the app gets the replica's path, so the sync button's
    ///     sync runs on a thread of its own, as in `forum app`.
    ///   - timeoutSeconds: the sync's answer deadline.
    init(role: Role = .facilitator, language: Language = .sv, serverURL: String = "http://127.0.0.1:9",
         backgroundSync: Bool = false, timeoutSeconds: Double = 2) throws {
        directory = try TemporaryDirectory(prefix: "field-app")
        guard let id = ReplicaID("dev-app-test") else { throw HarnessFailure("replica id") }
        let profile = ClientProfile(serverURL: serverURL, replica: id, token: "t", role: role.rawValue,
                                    municipalities: [Self.municipality])
        replica = try LocalReplica(path: directory.path("replica.sqlite"), profile: profile)
        var configuration = ClientConfiguration()
        configuration.retryAttempts = 1
        configuration.requestTimeoutSeconds = timeoutSeconds
        configuration.unansweredDeadlineSeconds = timeoutSeconds
        app = FieldApp(replica: replica, profile: profile, language: language, clientConfiguration: configuration,
                       replicaPath: backgroundSync ? directory.path("replica.sqlite") : nil)
    }

    /// Opens the first URL and keeps the cookie; reads the CSRF token from a form.
    func logIn() throws {
        let response = app.handle(HTTPRequest(method: .get, target: "/?key=\(app.key)", query: ["key": app.key]))
        guard let setCookie = response.headers["Set-Cookie"], let value = setCookie.split(separator: ";").first else {
            throw HarnessFailure("no cookie")
        }
        cookie = String(value)
        let page = get("/participants/new").text
        csrf = PageChecks.firstGroup(#"name="csrf" value="([0-9a-f]+)""#, in: page) ?? ""
    }

    func get(_ target: String, withCookie: Bool = true) -> (status: Int, text: String, response: HTTPResponse) {
        var query: [String: String] = [:]
        if let q = target.split(separator: "?", maxSplits: 1).dropFirst().first {
            for pair in q.split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                query[String(parts[0])] = parts.count > 1 ? FormData.decode(Array(parts[1].utf8)) ?? "" : ""
            }
        }
        let headers: HTTPHeaders = withCookie ? ["Cookie": cookie] : [:]
        let response = app.handle(HTTPRequest(method: .get, target: target, query: query, headers: headers))
        return (Int(response.status.code), String(decoding: response.body, as: UTF8.self), response)
    }

    func post(_ path: String, _ fields: [(String, String)], csrf: Bool = true) -> (status: Int, text: String, response: HTTPResponse) {
        let all = (csrf ? [("csrf", self.csrf)] : []) + fields
        let body = all.map { "\(HTML.urlComponent($0.0))=\(HTML.urlComponent($0.1))" }.joined(separator: "&")
        let response = app.handle(HTTPRequest(method: .post, target: path, headers: ["Cookie": cookie], body: Array(body.utf8)))
        return (Int(response.status.code), String(decoding: response.body, as: UTF8.self), response)
    }

    /// A forum (planned, 300 kr) with `people` participants, the first `anonymous` of them anonymous.
    @discardableResult
    func seed(people: [(name: String, anonymous: Bool)], status: ForumStatus = .planned) throws -> (forum: String, people: [String]) {
        let start = Date().addingTimeInterval(-3600)
        let forum = Forum(id: RecordID.random(), municipality: Self.municipality, title: "Vårforum om boende", kind: .deltagarforum,
                          venue: "Träffpunkten", start: start, end: start.addingTimeInterval(7200), defaultHonorariumKronor: 300,
                          status: status)
        try replica.write(collection: Forum.collection, id: forum.id, values: forum.fields)
        var ids: [String] = []
        for person in people {
            let participant = Participant(id: RecordID.random(), displayName: person.name, municipality: Self.municipality,
                                          anonymous: person.anonymous, consentGiven: true, consentDate: "2026-01-01")
            try replica.write(collection: Participant.collection, id: participant.id, values: participant.fields)
            ids.append(participant.id)
        }
        return (forum.id, ids)
    }
}

struct HarnessFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
