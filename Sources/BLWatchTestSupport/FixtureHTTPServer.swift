import Foundation

/// One canned response of a `FixtureHTTPServer`, chosen by the request's path (query ignored).
///
/// Two header names are instructions to the server rather than headers it sends: `X-Fixture-Chunked: 1`
/// sends the body chunked, without a `Content-Length`; `X-Fixture-Gzip: 1` gzips it and adds
/// `Content-Encoding: gzip`.
public struct FixtureRoute: Sendable {
    /// The exact path, without a query, such as `/results`.
    public var path: String
    /// The status code.
    public var status: Int
    /// Response headers; `Content-Length` is always added.
    public var headers: [String: String]
    /// The body.
    public var body: [UInt8]
    /// Seconds to wait before responding (other requests are served meanwhile).
    public var delay: Double = 0

    /// A route answering `path` with `body`.
    public init(_ path: String, status: Int = 200, headers: [String: String] = [:], body: [UInt8] = []) {
        self.path = path
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A route answering `path` with UTF-8 `text`, as `text/html; charset=utf-8` unless `headers` say otherwise.
    public init(_ path: String, status: Int = 200, headers: [String: String] = [:], text: String) {
        var headers = headers
        if !headers.keys.contains(where: { $0.lowercased() == "content-type" }) {
            headers["Content-Type"] = "text/html; charset=utf-8"
        }
        self.init(path, status: status, headers: headers, body: Array(text.utf8))
    }

    /// A redirect from `path` to `location` (relative or absolute).
    public static func redirect(_ path: String, to location: String, status: Int = 302) -> FixtureRoute {
        FixtureRoute(path, status: status, headers: ["Location": location])
    }
}

/// A request the fixture server received.
public struct FixtureRequest: Sendable, Hashable {
    /// `GET` or `POST`.
    public var method: String
    /// The path with its query.
    public var path: String
    /// The headers, names lower-cased; repeated fields joined with ", ".
    public var headers: [String: String]
    /// The body, decoded as UTF-8 (invalid bytes replaced).
    public var body: String
}

/// A real HTTP/1.1 server on 127.0.0.1 serving fixed routes, for testing the HTTP client and the
/// page fetchers against real sockets.
///
/// It is a Python 3 standard-library `ThreadingHTTPServer` (so a delayed route does not hold up other
/// requests), started with `Process`. It binds port 0 and prints the port it got, so there is no port
/// race. Unknown paths get a 404. Every request is appended to a JSON-lines log that `requests()` reads.
public final class FixtureHTTPServer: Sendable {
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

    /// Starts a server with `routes`.
    /// - Parameter routes: the canned responses, by path.
    /// - Returns: the running server; call `stop()` (or use `withFixtureHTTPServer`).
    /// - Throws: `TestSupportError` when python3 is missing or the server does not report its port.
    public static func start(_ routes: [FixtureRoute]) async throws -> FixtureHTTPServer {
        guard let python = Tool.path(of: "python3") else { throw TestSupportError("python3 is not installed") }
        let directory = try TemporaryDirectory(prefix: "blwatch-http")
        do {
            let routeData = try JSONEncoder().encode(routes.map(EncodedRoute.init))
            try directory.write("routes.json", String(decoding: routeData, as: UTF8.self))
            try directory.write("requests.jsonl", "")
            let process = try await PythonProcess.start(
                python: python,
                script: script,
                name: "server.py",
                arguments: [directory.file("routes.json"), directory.file("requests.jsonl")],
                directory: directory,
                label: "fixture HTTP server"
            )
            return FixtureHTTPServer(process: process, directory: directory)
        } catch {
            directory.remove()
            throw error
        }
    }

    /// Every request received so far, in arrival order.
    /// - Throws: when the log cannot be read or decoded.
    public func requests() throws -> [FixtureRequest] {
        let text = try String(contentsOfFile: directory.file("requests.jsonl"), encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            let logged = try JSONDecoder().decode(LoggedRequest.self, from: Data(line.utf8))
            return FixtureRequest(method: logged.method, path: logged.path, headers: logged.headers, body: logged.body)
        }
    }

    /// Stops the server (SIGTERM by PID, then waits for it) and removes its files; safe to call twice.
    public func stop() {
        process.stop()
        directory.remove()
    }
}

/// Runs `body` with a fixture HTTP server serving `routes`, and always stops it afterwards.
/// - Parameters:
///   - routes: the canned responses.
///   - body: the test, given the running server.
/// - Returns: what `body` returns.
public func withFixtureHTTPServer<T>(
    _ routes: [FixtureRoute],
    _ body: (FixtureHTTPServer) async throws -> T
) async throws -> T {
    let server = try await FixtureHTTPServer.start(routes)
    defer { server.stop() }
    return try await body(server)
}

/// A route as the script reads it: the body in base64.
private struct EncodedRoute: Encodable {
    var path: String
    var status: Int
    var headers: [String: String]
    var body: String
    var delay: Double

    init(_ route: FixtureRoute) {
        path = route.path
        status = route.status
        headers = route.headers
        body = Data(route.body).base64EncodedString()
        delay = route.delay
    }
}

/// One line of the script's request log.
private struct LoggedRequest: Decodable {
    var method: String
    var path: String
    var headers: [String: String]
    var body: String
}

/// The server: Python 3 standard library only. Arguments: the routes file and the request log.
private let script = #"""
    import base64, gzip, json, signal, sys, threading, time
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    ROUTES = {route["path"]: route for route in json.load(open(sys.argv[1]))}
    LOG_PATH = sys.argv[2]
    LOG_LOCK = threading.Lock()
    # Process inherits the test runner's blocked signals; SIGTERM must work.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    NOT_FOUND = b"<html><body><h1>404 not found</h1></body></html>"


    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format, *args):
            pass

        def do_GET(self):
            self.respond()

        def do_POST(self):
            self.respond()

        def record(self, body):
            headers = {}
            for name, value in self.headers.items():
                key = name.lower()
                headers[key] = headers[key] + ", " + value if key in headers else value
            entry = {"method": self.command, "path": self.path, "headers": headers,
                     "body": body.decode("utf-8", "replace")}
            with LOG_LOCK, open(LOG_PATH, "a") as log:
                log.write(json.dumps(entry) + "\n")
                log.flush()

        def respond(self):
            length = int(self.headers.get("Content-Length") or 0)
            self.record(self.rfile.read(length) if length > 0 else b"")
            route = ROUTES.get(self.path.split("?", 1)[0])
            if route is None:
                route = {"status": 404, "headers": {"Content-Type": "text/html"}, "delay": 0,
                         "body": base64.b64encode(NOT_FOUND).decode()}
            time.sleep(route["delay"])
            try:
                self.send(route)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True

        def send(self, route):
            body = base64.b64decode(route["body"])
            headers = dict(route["headers"])
            flags = {name.lower(): headers.pop(name) for name in list(headers) if name.lower().startswith("x-fixture-")}
            if flags.get("x-fixture-gzip") == "1":
                body = gzip.compress(body)
                headers["Content-Encoding"] = "gzip"
            self.send_response(route["status"])
            for name, value in headers.items():
                self.send_header(name, value)
            if flags.get("x-fixture-chunked") == "1":
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                for start in range(0, len(body), 4096):
                    chunk = body[start:start + 4096]
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                self.wfile.write(b"0\r\n\r\n")
            else:
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            self.wfile.flush()


    class Server(ThreadingHTTPServer):
        daemon_threads = True
        request_queue_size = 128

        def handle_error(self, request, client_address):
            pass


    server = Server(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    server.serve_forever()
    """#
