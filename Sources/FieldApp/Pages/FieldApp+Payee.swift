import HTTPServer
import WebPage

/// The place for a participant's payee details (personnummer or coordination number, and a
/// payout account or "payroll"), shown to coordinators only on the participant's page.
///
/// The payee record itself is built elsewhere (issue 19, branch `payee`): it is readable
/// and writable only by coordinators and the server and never reaches a facilitator's
/// laptop. Until it is in, this section says where the form will be and holds no data;
/// when it lands, the form goes here, posting to `/participants/ID/payee`.
extension FieldApp {
    func payeeSection(_ context: Context, participantID: String) -> String {
        "<section aria-labelledby=\"payee\"><h2 id=\"payee\">\(context.h("app.payee.title"))</h2>"
            + "<p class=\"muted\">\(context.h("app.payee.pending"))</p></section>"
    }
}
