import FieldClient
import ForumModel
import Foundation
import HTTPServer
import Messages
import SyncCore
import WebPage

/// The field app: a local web UI for facilitators and coordinators over the device's
/// replica, served on 127.0.0.1 by `forum app`.
///
/// A thin layer over the same operations as the `forum` CLI: every write goes through
/// `LocalReplica` (and so through `Authorization.check`, the rules the server runs), the
/// honorarium follows attendance by `LocalReplica.attend`/`markAbsent`, approval by
/// `LocalReplica.approveAll` and `Honorarium.approvalFields`, payee details by `PayeeEntry`
/// and `LocalReplica.setPayee`, exports by ForumModel's
/// `PaymentList` and `AttendanceReport`. A refused action shows `ClientError.text`, the
/// CLI's words. Pages are server-rendered HTML with inline CSS; no JavaScript, no
/// external URL.
///
/// ```swift
/// let app = FieldApp(replica: replica, profile: profile, language: .sv)
/// let response = app.handle(request)   // in process, e.g. in tests
/// ```
public final class FieldApp: @unchecked Sendable {
    /// The device's replica. Not thread-safe: every request runs under `lock`.
    let replica: LocalReplica
    /// The enrolled profile (server address, role).
    let profile: ClientProfile
    /// Sync settings (timeouts, retries, batch sizes), as for `forum sync`.
    let clientConfiguration: ClientConfiguration
    /// Limits of the app.
    public let configuration: FieldAppConfiguration
    /// The pages' language.
    public let language: Language
    let access: AppAccess
    let lock = NSLock()
    /// What the last sync did, for its result page and the offline banner.
    var lastSync: SyncReport?
    /// The sync the button started last, for its progress page.
    var syncRun: SyncRun?
    /// The replica's file, for the background sync's own connection; `nil`: syncs run on
    /// `replica` while the request waits.
    let replicaPath: String?
    /// The background check of the server's address while serving (`nil` in process).
    var reachability: ServerReachability?
    /// Wall clock; replaceable in tests.
    var now: () -> Date = { Date() }

    /// Creates the app.
    /// - Parameters:
    ///   - replica: the device's replica.
    ///   - profile: its enrolled profile.
    ///   - language: the pages' language (`--lang`, else the locale).
    ///   - clientConfiguration: sync settings.
    ///   - configuration: the app's limits.
    ///   - key: the launch secret; a new random one when `nil` (tests pass their own).
    ///   - replicaPath: the replica's file. Given, the sync button's sync runs in the
    ///     background over a connection of its own and pages keep answering meanwhile;
    ///     `nil`, it runs within the request.
    public init(replica: LocalReplica, profile: ClientProfile, language: Language,
                clientConfiguration: ClientConfiguration = ClientConfiguration(),
                configuration: FieldAppConfiguration = FieldAppConfiguration(), key: String? = nil,
                replicaPath: String? = nil) {
        self.replica = replica
        self.replicaPath = replicaPath
        self.profile = profile
        self.language = language
        self.clientConfiguration = clientConfiguration
        self.configuration = configuration
        self.access = AppAccess(key: key)
    }

    /// The launch secret, for the first URL (`/?key=…`).
    public var key: String { access.key }

    /// Whether the server cannot be reached: the last sync could not reach it, or (while
    /// serving) the latest background check found its address closed. A sync that reached
    /// the server since wins over an older check.
    var isOffline: Bool {
        switch (lastSync, reachability?.lastCheck) {
        case (let sync?, let check?): return check.at > sync.at ? !check.reachable : sync.offline
        case (let sync?, nil): return sync.offline
        case (nil, let check?): return !check.reachable
        case (nil, nil): return false
        }
    }

    /// Whether this device's role is coordinator (the coordinator's pages are shown).
    var isCoordinator: Bool { replica.actor.role == .coordinator }

    /// Answers one request. Never throws: failures become pages.
    public func handle(_ request: HTTPRequest) -> HTTPResponse {
        var response = lock.withLock { route(request) }
        PageResponse.applySecurityHeaders(to: &response)
        return response
    }

    /// Everything a page needs to know about the request it answers.
    struct Context {
        let request: HTTPRequest
        let l: Localizer
        let csrf: String
        let coordinator: Bool
        /// The offline banner's text when the last sync could not reach the server.
        let banner: String?

        func t(_ key: String, _ args: [String: String] = [:]) -> String { l[MessageKey(key), args] }
        /// Escaped catalogue text.
        func h(_ key: String, _ args: [String: String] = [:]) -> String { HTML.escape(t(key, args)) }
    }

    private func route(_ request: HTTPRequest) -> HTTPResponse {
        let l = Localizer(language: language)
        let context = Context(request: request, l: l, csrf: access.csrfToken, coordinator: isCoordinator,
                              banner: isOffline ? l["app.offline.banner"] : nil)
        // The first URL: the key becomes the cookie, and the address bar loses the key.
        if request.path == "/", let presented = request.query["key"] {
            guard access.isKey(presented), request.method == .get || request.method == .head else {
                return AppPages.forbidden(context)
            }
            var response = PageResponse.redirect("/")
            response.headers.add("Set-Cookie", access.setCookie)
            return response
        }
        guard access.admits(request) else { return AppPages.forbidden(context) }
        guard let path = request.pathSegments else { return AppPages.notFound(context) }
        if request.method == .post {
            guard request.body.count <= configuration.maxFormBytes, let form = FormData(body: request.body) else {
                return AppPages.message(context, status: .badRequest, titleKey: "app.error.title", textKey: "app.error.bad_form")
            }
            guard access.acceptsForm(form) else {
                return AppPages.message(context, status: .forbidden, titleKey: "app.error.title", textKey: "app.error.csrf")
            }
            return post(path, form, context)
        }
        guard request.method == .get || request.method == .head else {
            var response = AppPages.message(context, status: .methodNotAllowed, titleKey: "app.error.title", textKey: "app.error.method")
            response.headers["Allow"] = "GET, HEAD, POST"
            return response
        }
        return get(path, context)
    }

    private func get(_ path: [String], _ context: Context) -> HTTPResponse {
        switch path {
        case []: return forumList(context)
        case ["forums", "new"]: return forumForm(context, forumID: nil, problem: nil, form: nil)
        case let p where p.count == 2 && p[0] == "forums": return forumPage(context, forumID: p[1], notice: nil)
        case let p where p.count == 3 && p[0] == "forums" && p[2] == "edit":
            return forumForm(context, forumID: p[1], problem: nil, form: nil)
        case let p where p.count == 3 && p[0] == "forums" && p[2] == "print": return printView(context, forumID: p[1])
        case let p where p.count == 3 && p[0] == "forums" && p[2] == "delete":
            return deleteConfirmation(context, collection: Forum.collection, id: p[1])
        case ["participants"]: return participantList(context)
        case ["participants", "new"]: return participantForm(context, participantID: nil, problem: nil, form: nil)
        case let p where p.count == 2 && p[0] == "participants":
            return participantForm(context, participantID: p[1], problem: nil, form: nil)
        case let p where p.count == 3 && p[0] == "participants" && p[2] == "payee":
            return payeeForm(context, participantID: p[1], problem: nil, form: nil)
        case let p where p.count == 3 && p[0] == "participants" && p[2] == "delete":
            return deleteConfirmation(context, collection: Participant.collection, id: p[1])
        case ["sync"]: return syncPage(context)
        case ["sync", "progress"]: return syncProgressPage(context)
        case ["conflicts"]: return conflictsPage(context, problem: nil)
        case ["honoraria"] where context.coordinator: return honorariaPage(context, notice: nil)
        case ["payments"] where context.coordinator: return paymentsPage(context)
        case ["payments.csv"] where context.coordinator: return paymentsDownload(context)
        case ["reports", "attendance"]: return attendanceReportPage(context)
        case ["reports", "paid"] where context.coordinator: return paidReportPage(context)
        default: return AppPages.notFound(context)
        }
    }

    private func post(_ path: [String], _ form: FormData, _ context: Context) -> HTTPResponse {
        switch path {
        case ["forums"]: return saveForum(context, forumID: nil, form)
        case let p where p.count == 3 && p[0] == "forums" && p[2] == "edit": return saveForum(context, forumID: p[1], form)
        case let p where p.count == 3 && p[0] == "forums" && p[2] == "attendance": return saveAttendance(context, forumID: p[1], form)
        case let p where p.count == 3 && p[0] == "forums" && p[2] == "minutes": return saveMinutes(context, forumID: p[1], form)
        case let p where p.count == 3 && p[0] == "forums" && p[2] == "delete": return delete(context, collection: Forum.collection, id: p[1])
        case let p where p.count == 3 && p[0] == "forums" && p[2] == "held": return markHeld(context, forumID: p[1])
        case let p where p.count == 3 && p[0] == "forums" && p[2] == "approve-all" && context.coordinator:
            return approveAll(context, forumID: p[1])
        case ["participants"]: return saveParticipant(context, participantID: nil, form)
        case let p where p.count == 2 && p[0] == "participants": return saveParticipant(context, participantID: p[1], form)
        case let p where p.count == 3 && p[0] == "participants" && p[2] == "payee":
            return savePayee(context, participantID: p[1], form)
        case let p where p.count == 3 && p[0] == "participants" && p[2] == "delete":
            return delete(context, collection: Participant.collection, id: p[1])
        case ["sync"]: return runSync(context)
        case ["conflicts", "resolve"]: return resolveConflict(context, form)
        case let p where p.count == 3 && p[0] == "honoraria" && context.coordinator:
            return changeHonorarium(context, id: p[1], action: p[2], form)
        default: return AppPages.notFound(context)
        }
    }

    /// Writes `values` to a record; the CLI's words for a refusal or failure, `nil` when stored.
    func store(_ collection: String, id: String, values: [String: JSONValue]) -> String? {
        if case .failure(let problem) = attempt({ () throws(ClientError) in
            try replica.write(collection: collection, id: id, values: values)
        }) { return problem.text }
        return nil
    }

    /// The municipality a new record goes to: the one chosen when it is the device's, else
    /// the device's only one; `nil` when a choice is needed.
    func chosenMunicipality(_ chosen: String?) -> String? {
        let municipalities = replica.actor.municipalities.sorted()
        if let chosen, municipalities.contains(chosen) { return chosen }
        return municipalities.count == 1 ? municipalities.first : nil
    }

    /// Runs a local write; a refusal or failure becomes the CLI's words.
    func attempt<T>(_ body: () throws(ClientError) -> T) -> Result<T, AppProblem> {
        do { return .success(try body()) } catch { return .failure(AppProblem(error.text(language))) }
    }
}

/// A failed action in words a person reads (already translated, not yet escaped).
struct AppProblem: Error {
    let text: String
    init(_ text: String) { self.text = text }
}
