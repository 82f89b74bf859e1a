import FieldClient
import ForumModel
import HTTPServer
import Messages
import WebPage

/// Deleting a forum or a participant with what depends on it (`LocalReplica.delete`, as
/// `forum forum delete` and `forum participant delete`): a confirmation page says what
/// goes, and only its button deletes.
extension FieldApp {
    /// `GET /forums/ID/delete`, `GET /participants/ID/delete`.
    func deleteConfirmation(_ context: Context, collection: String, id: String) -> HTTPResponse {
        guard replica.lookup.live(collection: collection, id: id) != nil else { return AppPages.notFound(context) }
        let back = collection == Forum.collection ? "/forums/\(HTML.urlComponent(id))" : "/participants/\(HTML.urlComponent(id))"
        switch attempt({ () throws(ClientError) in try replica.plannedDeletion(collection: collection, id: id) }) {
        case .failure(let problem):
            return AppPages.page(context, title: context.t("app.delete.title"), section: .none, status: .unprocessableContent,
                                 body: AppPages.notice(problem.text, error: true) + "<p><a href=\"\(back)\">\(context.h("app.cancel"))</a></p>")
        case .success(let plan):
            let body = "<p>\(context.h("client.delete.summary", ["parts": plan.summary(of: collection, language)]))</p>"
                + "<div class=\"actions\">"
                + AppPages.button(context, action: back + "/delete", labelKey: "app.delete.confirm", style: "danger")
                + "<a href=\"\(back)\">\(context.h("app.cancel"))</a></div>"
            return AppPages.page(context, title: context.t("app.delete.title"), section: .none, body: body)
        }
    }

    /// `POST /forums/ID/delete`, `POST /participants/ID/delete`.
    func delete(_ context: Context, collection: String, id: String) -> HTTPResponse {
        guard replica.lookup.live(collection: collection, id: id) != nil else { return AppPages.notFound(context) }
        switch attempt({ () throws(ClientError) in try replica.delete(collection: collection, id: id) }) {
        case .failure(let problem):
            return AppPages.page(context, title: context.t("app.delete.title"), section: .none, status: .unprocessableContent,
                                 body: AppPages.notice(problem.text, error: true))
        case .success:
            return PageResponse.redirect(collection == Forum.collection ? "/?done=deleted" : "/participants?done=deleted")
        }
    }
}
