import FieldClient
import ForumModel
import Foundation
import HTTPServer
import Messages
import SyncCore
import WebPage

/// What the last sync did, kept in memory for its result page and the offline banner.
struct SyncReport {
    /// The summary of a sync that completed.
    var summary: SyncSummary?
    /// The failure in words, when it did not complete.
    var failure: String?
    /// Whether the server could not be reached (the offline banner).
    var offline: Bool
    /// When the sync ended.
    var at = Date()
}

/// The sync button's page, and conflicts with their context, settled with one choice.
extension FieldApp {
    /// `POST /sync`: starts a push and pull as `forum sync` does (the same `SyncEngine`) and
    /// sends the browser to the progress page. With the replica's path (as `forum app`
    /// gives it) the sync runs on a thread of its own over its own connection to the
    /// replica, and every other page keeps answering meanwhile (SQLite's WAL lets pages read
    /// while the sync writes, page by page); without it, it runs here and pages wait. A
    /// press while a sync runs only shows that sync's progress.
    func runSync(_ context: Context) -> HTTPResponse {
        if let run = syncRun, !run.current.finished { return PageResponse.redirect("/sync/progress") }
        let run = SyncRun()
        syncRun = run
        guard let replicaPath else {
            lastSync = performSync(run) { replica }
            run.finish()
            return PageResponse.redirect("/sync/progress")
        }
        let profile = profile
        Thread { [self] in
            let report = performSync(run) { () throws(ClientError) in try LocalReplica(path: replicaPath, profile: profile) }
            lock.withLock { lastSync = report }
            run.finish()
        }.start()
        return PageResponse.redirect("/sync/progress")
    }

    /// One sync over the replica `open` gives, reporting to `run`; its result for the pages.
    private func performSync(_ run: SyncRun, open: () throws(ClientError) -> LocalReplica) -> SyncReport {
        var syncing: LocalReplica?
        do {
            let replica = try open()
            syncing = replica
            let transport = try HTTPSyncTransport(baseURL: profile.serverURL, token: profile.token,
                                                  configuration: clientConfiguration, caFile: profile.caFile)
            let summary = try SyncEngine(replica: replica, transport: transport, configuration: clientConfiguration)
                .sync(progress: run.report)
            return SyncReport(summary: summary, failure: nil, offline: false)
        } catch {
            let pending = (try? syncing?.pendingCount()) ?? 0
            return SyncReport(summary: nil, failure: error.syncText(pending: pending, language) ?? error.text(language),
                              offline: [.serverUnreachable, .timeout].contains(error.code))
        }
    }

    /// `GET /sync/progress`: what the running sync has done so far, refreshing itself every
    /// second (`<meta http-equiv="refresh">`, no JavaScript); once it has ended, the result
    /// page (`/sync?done=synced`).
    func syncProgressPage(_ context: Context) -> HTTPResponse {
        guard let run = syncRun else { return PageResponse.redirect("/sync") }
        let now = run.current
        if now.finished { return PageResponse.redirect("/sync?done=synced") }
        var lines = [context.t("app.sync.running")]
        if now.pushed { lines.append(context.t("client.sync.progress_sent", ["sent": String(now.sent), "total": String(now.total)])) }
        if now.received > 0 { lines.append(context.t("client.sync.progress_received", ["received": String(now.received)])) }
        if let attempt = now.retryAttempt {
            lines.append(context.t("client.sync.progress_retry", ["attempt": String(attempt),
                                                                  "seconds": String(format: "%.1f", now.retrySeconds ?? 0)]))
        }
        let body = "<p class=\"notice\" role=\"status\" id=\"sync-progress\">"
            + lines.map { HTML.escape($0) }.joined(separator: "<br>") + "</p>"
            + "<p class=\"muted\">\(context.h("app.sync.progress_explain"))</p>"
            + "<p><a href=\"/sync/progress\">\(context.h("app.sync.progress_reload"))</a></p>"
        return AppPages.page(context, title: context.t("app.sync.title"), section: .sync, refreshSeconds: 1, body: body)
    }

    /// `GET /sync`: the last result in plain words, refused changes explained, and the button.
    func syncPage(_ context: Context) -> HTTPResponse {
        var body = statusSummary(context)
        if context.request.query["done"] == "synced", let report = lastSync {
            if let summary = report.summary {
                body += AppPages.notice(context.t("app.sync.result", ["sent": String(summary.sent), "received": String(summary.received)]))
                if summary.conflicts > 0 {
                    body += "<p><a href=\"/conflicts\">\(context.h("app.sync.conflicts", ["count": String(summary.conflicts)]))</a></p>"
                }
            } else if let failure = report.failure {
                body += AppPages.notice(failure, error: true)
            }
        }
        body += "<div class=\"actions\">" + AppPages.button(context, action: "/sync", labelKey: "app.sync.button") + "</div>"
        body += "<p class=\"muted\">\(context.h("app.sync.explain"))</p>"
        let refused = (try? replica.refusedWrites(limit: 50)) ?? []
        if !refused.isEmpty {
            body += "<h2>\(context.h("app.sync.refused_title"))</h2><ul>"
            for write in refused {
                body += "<li>\(HTML.escape(describe(collection: write.collection, id: write.id, context))): "
                    + "\(HTML.escape(write.reason(language)))</li>"
            }
            body += "</ul>"
        }
        return AppPages.page(context, title: context.t("app.sync.title"), section: .sync, body: body)
    }

    /// Which record, in words a person knows it by: the forum's title, the person's name
    /// (anonymous ones by pseudonym where a forum gives one), an attendance or honorarium
    /// by its forum and person.
    func describe(collection: String, id: String, _ context: Context) -> String {
        let lookup = replica.lookup
        let noun = context.t("client.collection.\(collection)")
        func person(_ participantID: String?, forumID: String?) -> String {
            guard let participantID else { return "" }
            return Redaction.displayName(participantID: participantID, forumID: forumID, audience: .minutes, lookup: lookup, language: language)
        }
        func forumTitle(_ forumID: String?) -> String {
            forumID.flatMap { lookup.state(collection: Forum.collection, id: $0)?[Forum.Field.title]?.stringValue } ?? ""
        }
        switch collection {
        case Forum.collection:
            return noun + " " + forumTitle(id)
        case Participant.collection:
            let state = lookup.state(collection: Participant.collection, id: id)
            let anonymous = state.map(Participant.isAnonymous) ?? false
            return noun + " " + (anonymous ? context.t("app.participant.anonymous_tag") : state?[Participant.Field.displayName]?.stringValue ?? "")
        case Attendance.collection, Honorarium.collection:
            let attendanceID = collection == Attendance.collection ? id
                : lookup.state(collection: Honorarium.collection, id: id)?[Honorarium.Field.attendanceID]?.stringValue ?? ""
            let attendance = lookup.state(collection: Attendance.collection, id: attendanceID)
            let forumID = attendance?[Attendance.Field.forumID]?.stringValue
            return noun + " " + context.t("app.record.of", ["person": person(attendance?[Attendance.Field.participantID]?.stringValue, forumID: forumID),
                                                             "forum": forumTitle(forumID)])
        default:
            return noun
        }
    }

    // MARK: - Conflicts

    /// `GET /conflicts`: each record in conflict with its context, each field with both
    /// values and who wrote them, and one choice to keep.
    func conflictsPage(_ context: Context, problem: String?) -> HTTPResponse {
        var body = problem.map { AppPages.notice($0, error: true) } ?? ""
        if context.request.query["done"] == "resolved" { body += AppPages.notice(context.t("app.conflicts.resolved")) }
        let conflicts: [OpenConflict]
        switch attempt({ () throws(ClientError) in try replica.openConflicts() }) {
        case .success(let list): conflicts = list
        case .failure(let failure): return AppPages.page(context, title: context.t("app.conflicts.title"), section: .conflicts,
                                                         body: AppPages.notice(failure.text, error: true))
        }
        if conflicts.isEmpty { body += "<p>\(context.h("client.conflicts.none"))</p>" }
        for (recordIndex, conflict) in conflicts.enumerated() {
            var heading = describeForConflict(conflict, context)
            if conflict.anonymous { heading += " (" + context.t("app.participant.anonymous_tag") + ")" }
            body += "<section class=\"value\"><h2>\(HTML.escape(heading))</h2>"
            for (fieldIndex, field) in conflict.fields.enumerated() {
                if field.isDelete {
                    body += "<p>\(context.h("app.conflicts.delete_versus_update"))</p>"
                    continue
                }
                body += "<form method=\"post\" action=\"/conflicts/resolve\">" + AppPages.csrf(context)
                    + "<input type=\"hidden\" name=\"collection\" value=\"\(HTML.escape(conflict.collection))\">"
                    + "<input type=\"hidden\" name=\"id\" value=\"\(HTML.escape(conflict.id))\">"
                    + "<input type=\"hidden\" name=\"field\" value=\"\(HTML.escape(field.field))\">"
                    + "<fieldset><legend>\(context.h("app.conflicts.field", ["field": fieldName(conflict.collection, field.field, context)]))</legend>"
                for (valueIndex, value) in field.values.enumerated() {
                    let id = "c\(recordIndex)-\(fieldIndex)-\(valueIndex)"
                    let writer = value.writerRole == ConflictWriter.thisDevice.role ? context.t("client.conflicts.this_laptop")
                        : value.writerRole == ConflictWriter.server.role ? context.t("client.conflicts.administrator")
                        : context.t("app.conflicts.other_device", ["device": value.replica])
                    let when = show(Date(timeIntervalSince1970: Double(value.writtenMillis) / 1000))
                    body += "<div class=\"field\"><label for=\"\(id)\"><input type=\"radio\" id=\"\(id)\" name=\"choice\" value=\"\(valueIndex)\""
                        + "\(valueIndex == 0 ? " checked" : "")> <strong>\(HTML.escape(shown(value.shownValue ?? .null, context)))</strong> – "
                        + "\(context.h("client.conflicts.by", ["replica": writer, "time": when]))</label></div>"
                }
                body += "<button type=\"submit\">\(context.h("app.conflicts.keep"))</button></fieldset></form>"
            }
            body += "</section>"
        }
        return AppPages.page(context, title: context.t("app.conflicts.title"), section: .conflicts,
                             status: problem == nil ? .ok : .unprocessableContent, body: body)
    }

    /// `POST /conflicts/resolve`: writes the chosen value again (`LocalReplica.settleConflict`).
    func resolveConflict(_ context: Context, _ form: FormData) -> HTTPResponse {
        guard let collection = form["collection"], let id = form["id"], let field = form["field"],
              let choice = form["choice"].flatMap(Int.init),
              let conflict = (try? replica.openConflicts())?.first(where: { $0.collection == collection && $0.id == id }),
              let values = conflict.fields.first(where: { $0.field == field })?.values, values.indices.contains(choice),
              let chosen = values[choice].shownValue else {
            return conflictsPage(context, problem: context.t("app.conflicts.gone"))
        }
        if case .failure(let problem) = attempt({ () throws(ClientError) in
            try replica.settleConflict(collection: collection, id: id, field: field, keeping: chosen)
        }) { return conflictsPage(context, problem: problem.text) }
        return PageResponse.redirect("/conflicts?done=resolved")
    }

    private func describeForConflict(_ conflict: OpenConflict, _ context: Context) -> String {
        // On this laptop an anonymous participant's own record is shown as stored (as
        // `forum conflicts` does): the people here keep the register and wrote it.
        if conflict.collection == Participant.collection {
            return context.t("client.collection.participant") + " " + (conflict.state[Participant.Field.displayName]?.stringValue ?? "")
        }
        return describe(collection: conflict.collection, id: conflict.id, context)
    }

    private func fieldName(_ collection: String, _ field: String, _ context: Context) -> String {
        let key = "app.\(collection).field.\(field)"
        let text = context.t(key)
        return text == key ? field : text
    }

    private func shown(_ value: JSONValue, _ context: Context) -> String {
        switch value {
        case .string(let text): return text
        case .bool(let flag): return context.t(flag ? "client.word.yes" : "client.word.no")
        case .integer(let number): return String(number)
        case .null: return context.t("app.conflicts.empty")
        default: return JSONWriter.string(value)
        }
    }
}
