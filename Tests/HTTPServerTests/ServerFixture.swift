import Foundation
import Glibc
import TestSupport
@testable import HTTPServer

/// Starts a server on an ephemeral port and runs `body`, shutting the server down afterwards.
func withServer<T>(_ configure: (inout HTTPServer.Configuration) -> Void = { _ in },
                   headGate: HTTPHeadGate? = nil,
                   handler: @escaping HTTPHandler = { .text(.ok, "path=\($0.path)") },
                   _ body: (HTTPServer, UInt16) throws -> T) throws -> T {
    var configuration = HTTPServer.Configuration()
    configure(&configuration)
    let server = HTTPServer(configuration: configuration, headGate: headGate, handler: handler)
    let port = try server.start()
    defer { server.shutdown(gracePeriod: 1) }
    return try body(server, port)
}
