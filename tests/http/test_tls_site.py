"""The production nginx site, deploy/nginx-site.conf, run as it is with
only what must differ on this machine replaced: a self-signed certificate
made here with openssl, free ports of 127.0.0.1 for 80 and 443 (no IPv6),
the checkout's static/ for /srv/cocreate/static/ and the socket of a
separate instance of the app for /run/cocreate/cocreate.sock.  Each
replacement must match, so that the test breaks when the file changes
under it.

Issue 5 point 9 and SECURITY.md: every response over HTTPS carries the
Content-Security-Policy, X-Content-Type-Options, Referrer-Policy,
X-Frame-Options and Strict-Transport-Security headers, once each: the
app's pages, nginx's static files, and nginx's own error pages (404, 413,
400); the plain-HTTP redirect carries the first four.  Behind this site
(fastcgi_param HTTPS on) the cookies cc_csrf and cc_session get Secure,
which they do not over plain HTTP."""

import os
import re
import shutil
import socket
import ssl
import subprocess
import tempfile
import time

HSTS = "Strict-Transport-Security"


def free_port():
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
    finally:
        s.close()


def replace(text, old, new, count=1):
    """text with old replaced by new; old must occur count times."""
    n = text.count(old)
    assert n == count, "deploy/nginx-site.conf: %r occurs %d times, the " \
        "test expects %d: update test_tls_site.py" % (old, n, count)
    return text.replace(old, new)


def make_certificate(d):
    """A self-signed certificate for 127.0.0.1: (certificate, key)."""
    cert, key = os.path.join(d, "cert.pem"), os.path.join(d, "key.pem")
    p = subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
         "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key, "-out",
         cert, "-days", "2", "-subj", "/CN=127.0.0.1", "-addext",
         "subjectAltName=IP:127.0.0.1"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        timeout=60)
    assert p.returncode == 0, "openssl req: %s" % p.stdout
    return cert, key


class Site:
    """nginx with deploy/nginx-site.conf in directory d, in front of the
    app listening on sock; start() and stop()."""

    def __init__(self, root, d, sock):
        self.d = d
        self.http_port = free_port()
        self.https_port = free_port()
        cert, key = make_certificate(d)
        with open(os.path.join(root, "deploy", "nginx-site.conf")) as f:
            site = f.read()
        site = replace(site, "\tlisten 80;\n",
                       "\tlisten 127.0.0.1:%d;\n" % self.http_port)
        site = replace(site, "\tlisten [::]:80;\n", "")
        site = replace(site, "\tlisten 443 ssl http2;\n",
                       "\tlisten 127.0.0.1:%d ssl http2;\n" % self.https_port)
        site = replace(site, "\tlisten [::]:443 ssl http2;\n", "")
        site, n = re.subn(r"(?m)^\tssl_certificate \S+;$",
                          "\tssl_certificate %s;" % cert, site)
        assert n == 1, "no ssl_certificate line in deploy/nginx-site.conf"
        site, n = re.subn(r"(?m)^\tssl_certificate_key \S+;$",
                          "\tssl_certificate_key %s;" % key, site)
        assert n == 1, "no ssl_certificate_key line in nginx-site.conf"
        site = replace(site, "/srv/cocreate/static/",
                       os.path.join(root, "static") + "/", count=2)
        site = replace(site, "unix:/run/cocreate/cocreate.sock",
                       "unix:" + sock)
        with open(os.path.join(d, "site.conf"), "w") as f:
            f.write(site)
        # `include fastcgi_params` is relative to the main file, as in
        # /etc/nginx.
        shutil.copy("/etc/nginx/fastcgi_params", d)
        for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            os.makedirs(os.path.join(d, "tmp", sub))
        # What Debian's /etc/nginx/nginx.conf gives a site, under d; as
        # root the workers stay root to reach the instance's socket (as
        # deploy/nginx-conf.sh does).
        main = """%(user)s
worker_processes 1;
pid %(d)s/nginx.pid;
error_log %(d)s/error.log warn;
events { worker_connections 256; }
http {
	include /etc/nginx/mime.types;
	default_type application/octet-stream;
	ssl_protocols TLSv1.2 TLSv1.3;
	access_log %(d)s/access.log;
	client_body_temp_path %(d)s/tmp/body;
	proxy_temp_path %(d)s/tmp/proxy;
	fastcgi_temp_path %(d)s/tmp/fastcgi;
	uwsgi_temp_path %(d)s/tmp/uwsgi;
	scgi_temp_path %(d)s/tmp/scgi;
	include %(d)s/site.conf;
}
""" % dict(d=d, user="user root root;" if os.getuid() == 0 else "")
        self.conf = os.path.join(d, "nginx.conf")
        with open(self.conf, "w") as f:
            f.write(main)
        self.ssl = ssl.create_default_context(cafile=cert)
        self.proc = None

    def start(self):
        t = subprocess.run(["nginx", "-t", "-q", "-c", self.conf, "-p",
                            self.d, "-e", os.path.join(self.d, "error.log")],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           text=True, timeout=30)
        assert t.returncode == 0, "nginx -t on deploy/nginx-site.conf: %s" \
            % t.stdout
        self.proc = subprocess.Popen(
            ["nginx", "-c", self.conf, "-p", self.d, "-e",
             os.path.join(self.d, "error.log"), "-g", "daemon off;"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, start_new_session=True)
        end = time.monotonic() + 10
        for port in (self.http_port, self.https_port):
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), 1).close()
                    break
                except OSError:
                    assert self.proc.poll() is None, \
                        "nginx exited: %s" % self.log()
                    assert time.monotonic() < end, \
                        "nginx does not listen on %d" % port
                    time.sleep(0.05)

    def log(self):
        try:
            with open(os.path.join(self.d, "error.log")) as f:
                return f.read()[-3000:]
        except OSError:
            return ""

    def stop(self):
        if self.proc is None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, 9)
            self.proc.wait(timeout=10)
        self.proc = None


def problems(ctx, r, hsts=True):
    """What is wrong with r's security headers, HSTS included."""
    bad = ctx.security_header_problems(r)
    if hsts:
        got = r.headers.get_all(HSTS) or []
        if len(got) != 1 or not re.match(r"^max-age=\d{7,}", got[0]):
            bad.append("%s: %r, expected one max-age of a year or more" % (
                HSTS, got))
    return ["%s %s (%d): %s" % (r.method, r.path, r.status, b) for b in bad]


def cookie_attrs(header):
    """The attributes of one Set-Cookie header, lower case, without the
    name=value."""
    return [a.strip().lower() for a in header.split(";")[1:]]


def with_site(ctx, fn):
    """Runs fn(inst, site, client) with a separate instance of the app
    behind the production site, client an HTTPS client for it."""
    with ctx.instance() as inst:
        d = tempfile.mkdtemp(prefix="cocreate-tls-")
        site = None
        try:
            site = Site(ctx.root, d, os.path.join(inst.state,
                                                  "cocreate.sock"))
            site.start()
            c = ctx.Client("https://127.0.0.1:%d" % site.https_port,
                           ssl_context=site.ssl)
            try:
                fn(inst, site, c)
            except AssertionError:
                print("     nginx's log:\n%s" % site.log())
                raise
        finally:
            if site is not None:
                site.stop()
            shutil.rmtree(d, ignore_errors=True)


def test_tls_site_headers_on_every_answer(ctx):
    """The app's pages, static files and nginx's own error pages through
    deploy/nginx-site.conf over HTTPS: the five headers, once each."""

    def run(inst, site, c):
        bad = []
        # The app: a page, a HEAD, its own 404, a redirect.
        r = c.get("/")
        assert r.status == 200, "GET / over HTTPS: %d" % r.status
        ctx.assert_html(r, 200, tidy=False)
        bad += problems(ctx, r)
        for path, want in (("/", 200), ("/proposals", 200), ("/nope", 404),
                           ("/admin", 303), ("/healthz", 200)):
            r = c.head(path) if path == "/" else c.get(path)
            if r.status != want:
                bad.append("%s %s: %d, expected %d" % (r.method, path,
                                                       r.status, want))
            bad += problems(ctx, r)
        # nginx's static files, cached for an hour.
        for path in ("/static/style.css", "/static/app.js",
                     "/static/errors/404.html"):
            r = c.get(path)
            if r.status != 200:
                bad.append("GET %s: %d" % (path, r.status))
            if "max-age=3600" not in r.header("Cache-Control"):
                bad.append("GET %s: Cache-Control %r, expected max-age=3600"
                           % (path, r.header("Cache-Control", None)))
            bad += problems(ctx, r)
        # nginx's own error pages: a missing static file (404), a body
        # over client_max_body_size (413), a header over
        # large_client_header_buffers (400), the error pages' location
        # asked for directly (internal: 404).
        r = c.get("/static/nope.css")
        if r.status != 404 or "找不到" not in r.text:
            bad.append("GET /static/nope.css: %d, not nginx's bilingual "
                       "404 page: %s" % (r.status, ctx.excerpt(r.text)))
        bad += problems(ctx, r)
        r = c.get("/errors/404.html")
        if r.status != 404:
            bad.append("GET /errors/404.html: %d, expected 404" % r.status)
        bad += problems(ctx, r)
        r = c.post("/proposals", b"title=" + b"x" * (3 << 20))
        if r.status != 413 or "413" not in r.text:
            bad.append("POST of 3 MiB: %d, not nginx's 413 page: %s" % (
                r.status, ctx.excerpt(r.text)))
        bad += problems(ctx, r)
        r = c.get("/", headers={"X-Big": "a" * 9000})
        if r.status != 400:
            bad.append("a header of 9000 bytes: %d, expected 400" % r.status)
        bad += problems(ctx, r)
        # Plain HTTP: a redirect to HTTPS, with the headers (HSTS means
        # nothing there).
        plain = ctx.Client("http://127.0.0.1:%d" % site.http_port)
        r = plain.get("/proposals?x=1")
        if r.status != 301 or r.header("Location") != \
                "https://127.0.0.1/proposals?x=1":
            bad.append("http://: %d to %r, expected 301 to https" % (
                r.status, r.header("Location", None)))
        bad += problems(ctx, r, hsts=False)
        assert not bad, "\n".join(bad)

    with_site(ctx, run)


def test_tls_site_secure_cookies(ctx):
    """Behind deploy/nginx-site.conf (fastcgi_param HTTPS on): cc_csrf on
    the first form, cc_session at login, the new cc_csrf given at login,
    and the emptied cc_session at logout all carry Secure (with HttpOnly
    and SameSite=Lax); the private edit link is an https one.  Over plain
    HTTP the same cookies have no Secure, which browsers would refuse to
    send back over HTTP otherwise."""

    def run(inst, site, c):
        bad = []
        r = c.get("/proposals/new")
        csrf_cookie = r.set_cookies().get("cc_csrf")
        assert csrf_cookie, "GET /proposals/new over HTTPS set no cc_csrf"
        for a in ("secure", "httponly", "samesite=lax"):
            if a not in cookie_attrs(csrf_cookie):
                bad.append("cc_csrf over HTTPS lacks %s: %r" % (
                    a, csrf_cookie))
        # A draft: the CSRF cookie goes back over HTTPS, and the edit link
        # the app gives is https.
        r = c.post("/proposals", [("csrf", ctx.csrf(r.text)),
                                  ("action", "save"), ("kind", "add"),
                                  ("title", "經由 HTTPS 的草稿")])
        pid, token, _ = ctx.parse_edit_location(r)
        r = c.get(r.location())
        # The origin is the configured server_name, not the Host header.
        with open(os.path.join(os.path.dirname(os.path.dirname(
                os.path.dirname(os.path.abspath(__file__)))), "deploy",
                "nginx-site.conf")) as f:
            name = re.search(r"(?m)^\tserver_name (\S+);$", f.read()).group(1)
        link = "https://%s/proposals/%d/edit?token=%s" % (name, pid, token)
        if r.status != 200 or link not in r.text:
            bad.append("the edit page over HTTPS: %d, without the https "
                       "private link %s" % (r.status, link))
        login = inst.unique("tls")
        password = inst.add_user(login, "organizer")
        r = inst.login(c, login, password)
        assert r.status == 303, "login over HTTPS: %d: %s" % (
            r.status, ctx.excerpt(r.text))
        got = r.set_cookies()
        for name in ("cc_session", "cc_csrf"):
            if name not in got:
                bad.append("login over HTTPS set no %s" % name)
            elif "secure" not in cookie_attrs(got[name]) or \
                    "httponly" not in cookie_attrs(got[name]):
                bad.append("%s at login over HTTPS lacks Secure or "
                           "HttpOnly: %r" % (name, got[name]))
        r = c.get("/admin")
        if r.status != 200:
            bad.append("GET /admin with the Secure session: %d" % r.status)
        r = c.post("/logout", [("csrf", ctx.csrf(r.text))])
        gone = r.set_cookies().get("cc_session", "")
        if "secure" not in cookie_attrs(gone):
            bad.append("cc_session emptied at logout lacks Secure: %r"
                       % gone)
        # The same app through the plain development nginx: no Secure.
        p = inst.client()
        r = p.get("/proposals/new")
        plain = r.set_cookies().get("cc_csrf", "")
        if not plain or "secure" in cookie_attrs(plain):
            bad.append("cc_csrf over plain HTTP: %r, expected no Secure"
                       % plain)
        r = inst.login(p, login, password)
        plain = r.set_cookies().get("cc_session", "")
        if not plain or "secure" in cookie_attrs(plain):
            bad.append("cc_session over plain HTTP: %r, expected no Secure"
                       % plain)
        assert not bad, "\n".join(bad)

    with_site(ctx, run)
