#!/usr/bin/env python3
"""Serves deploy/demo/pages for scripts/demo: GET /<zone-id>?target=<ip> returns
pages/<zone-id>/<ip>.html, else pages/not-listed.html. Binds 127.0.0.1 on a free port and
prints the port on its first line. Demo only: the real lookup pages are on the lists' sites."""
import http.server
import os
import sys
import urllib.parse

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "deploy", "demo", "pages")


class Pages(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        zone = os.path.basename(url.path.strip("/"))
        target = os.path.basename(urllib.parse.parse_qs(url.query).get("target", [""])[0])
        path = os.path.join(ROOT, zone, target + ".html")
        if not zone or not target or not os.path.isfile(path):
            path = os.path.join(ROOT, "not-listed.html")
        with open(path, "rb") as page:
            body = page.read()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Pages)
print(server.server_address[1], flush=True)
sys.stdout.close()
server.serve_forever()
