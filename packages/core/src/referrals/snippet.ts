// The lead-capture snippet served at GET /r/snippet.js. A landing page includes
//   <script src="https://advo.example.com/r/snippet.js" data-workspace="acme" defer></script>
// and marks its sign-up form with data-advo-referral. The snippet keeps ?ref= and ?ref_click= in a
// first-party cookie (advo_ref, 90 days) on the landing site, and when the form is submitted posts
// {workspace, code, clickId, email, name, company, deviceId} to /api/v1/referrals/leads as text/plain
// JSON (a simple CORS request: no preflight). It never blocks or breaks the form.
// window.advoReferral.capture({email, name, company}) does the same from code.

export const SNIPPET_JS = `(function () {
  var s = document.currentScript;
  if (!s) return;
  var ws = s.getAttribute("data-workspace");
  var api = new URL(s.src).origin + "/api/v1/referrals/leads";
  var q = new URLSearchParams(location.search);
  function read(name) {
    var m = document.cookie.match(new RegExp("(?:^|; )" + name + "=([^;]*)"));
    return m ? decodeURIComponent(m[1]) : null;
  }
  function write(name, value, days) {
    document.cookie = name + "=" + encodeURIComponent(value) + "; path=/; max-age=" + days * 86400 + "; samesite=lax";
  }
  var stored = {};
  try { stored = JSON.parse(read("advo_ref") || "{}"); } catch (e) {}
  if (q.get("ref")) {
    stored = { code: q.get("ref"), clickId: q.get("ref_click") || undefined };
    write("advo_ref", JSON.stringify(stored), 90);
  }
  var device = read("advo_did");
  if (!device) {
    var a = new Uint8Array(16);
    crypto.getRandomValues(a);
    device = "dev_" + Array.prototype.map.call(a, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
    write("advo_did", device, 365);
  }
  function capture(lead) {
    if (!ws || !stored.code || !lead || !lead.email) return Promise.resolve(false);
    var body = { workspace: ws, code: stored.code, clickId: stored.clickId, email: lead.email,
      name: lead.name || undefined, company: lead.company || undefined, deviceId: device };
    return fetch(api, { method: "POST", mode: "cors", keepalive: true,
      headers: { "content-type": "text/plain" }, body: JSON.stringify(body) })
      .then(function (r) { return r.ok; }, function () { return false; });
  }
  window.advoReferral = { capture: capture, code: function () { return stored.code || null; } };
  document.addEventListener("submit", function (ev) {
    var f = ev.target;
    if (!f || !f.hasAttribute || !f.hasAttribute("data-advo-referral")) return;
    var v = function (n) { var el = f.querySelector('[name="' + n + '"]'); return el ? el.value : undefined; };
    capture({ email: v("email"), name: v("name"), company: v("company") });
  }, true);
})();
`;
