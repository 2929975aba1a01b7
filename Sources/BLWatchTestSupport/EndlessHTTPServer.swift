import Foundation

/// A real HTTP/1.1 server on 127.0.0.1 whose bodies never end, for testing that page fetchers stop
/// on their own limits rather than on the server's goodwill.
///
/// `/endless` sends `200 text/html`, chunked, and then chunks of HTML for as long as the client
/// reads; `/drip` sends one byte every half second, chunked, forever (a `Content-Length` would let a
/// client refuse it up front).
/// Any other path is a 404. Like `FixtureHTTPServer`, it is a Python 3 standard-library server
/// that binds port 0 and reports its port, and it logs each request path, one per line.
public final class EndlessHTTPServer: Sendable {
    /// The port the server listens on.
    public let port: Int
    /// `http://127.0.0.1:PORT`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }
    private let process: PythonProcess
    private let directory: TemporaryDirectory

    private init(process: PythonProcess, directory: TemporaryDirectory) {
        self.port = process.port
        self.process = process
        self.directory = directory
    }

    /// Starts a server.
    /// - Returns: the running server; call `stop()` (or use `withEndlessHTTPServer`).
    /// - Throws: `TestSupportError` when python3 is missing or the server does not report its port.
    public static func start() async throws -> EndlessHTTPServer {
        guard let python = Tool.path(of: "python3") else { throw TestSupportError("python3 is not installed") }
        let directory = try TemporaryDirectory(prefix: "blwatch-endless")
        do {
            try directory.write("requests.log", "")
            let process = try await PythonProcess.start(
                python: python,
                script: endlessScript,
                name: "endless.py",
                arguments: [directory.file("requests.log")],
                directory: directory,
                label: "endless HTTP server"
            )
            return EndlessHTTPServer(process: process, directory: directory)
        } catch {
            directory.remove()
            throw error
        }
    }

    /// The paths (with queries) requested so far, in arrival order.
    /// - Throws: when the log cannot be read.
    public func requests() throws -> [String] {
        try String(contentsOfFile: directory.file("requests.log"), encoding: .utf8).split(separator: "\n")
            .map(String.init)
    }

    /// Stops the server and removes its files; safe to call twice.
    public func stop() {
        process.stop()
        directory.remove()
    }
}

/// Runs `body` with an endless HTTP server, and always stops it afterwards.
/// - Parameter body: the test, given the running server.
/// - Returns: what `body` returns.
public func withEndlessHTTPServer<T>(_ body: (EndlessHTTPServer) async throws -> T) async throws -> T {
    let server = try await EndlessHTTPServer.start()
    defer { server.stop() }
    return try await body(server)
}

/// The server: Python 3 standard library only. Argument: the request log.
private let endlessScript = #"""
    import signal, sys, threading, time
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    LOG_PATH = sys.argv[1]
    LOG_LOCK = threading.Lock()
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    CHUNK = b"<p>" + b"listed " * 580 + b"</p>\n"


    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format, *args):
            pass

        def do_GET(self):
            with LOG_LOCK, open(LOG_PATH, "a") as log:
                log.write(self.path + "\n")
            route = self.path.split("?", 1)[0]
            try:
                if route == "/endless":
                    self.endless()
                elif route == "/drip":
                    self.drip()
                else:
                    self.send_error(404)
            except (BrokenPipeError, ConnectionResetError):
                pass
            self.close_connection = True

        def endless(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            while True:
                self.wfile.write(b"%x\r\n%s\r\n" % (len(CHUNK), CHUNK))
                self.wfile.flush()

        def drip(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            while True:
                self.wfile.write(b"1\r\nx\r\n")
                self.wfile.flush()
                time.sleep(0.5)


    class Server(ThreadingHTTPServer):
        daemon_threads = True

        def handle_error(self, request, client_address):
            pass


    server = Server(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    server.serve_forever()
    """#
